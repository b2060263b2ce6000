import { basename, resolve } from 'node:path';
import {
	adoptPresetCurrency,
	businessTimeZone,
	currencySetting,
	loadQuery,
	type Database,
	type Session
} from '../db';
import { refreshDerived, repairInterruptedRefresh } from '../pipeline';
import type { CheckContext } from './check';
import { checkCustomers, customerWarnings, loadCustomers, possibleDuplicates } from './customers';
import { checkInteractions, interactionLoadParts, sourceLineSql } from './interactions';
import { recordProductNames } from './product-names';
import { checkFormatOptions, formatNotes } from './formats';
import { presetOf } from './presets';
import {
	JSON_LINES,
	JSON_ROWS,
	REJECTS_SCAN,
	REJECTS_TABLE,
	checkDuplicateHeaders,
	checkReadable,
	csvLineOffset,
	detectFormat,
	isNdjson,
	readError,
	numericColumns,
	prepareSource,
	readerSql,
	readNdjsonLeniently,
	sourceColumns,
	unpairedQuotes,
	type PreparedSource,
	type SourceFormat
} from './source';
import { renderQuery } from './sqltext';
import { IngestError, type IngestKind, type IngestOptions, type IngestReport } from './types';

const TEMP_TABLES = ['ingest_checked', REJECTS_TABLE, REJECTS_SCAN, JSON_LINES, JSON_ROWS];

/**
 * Loads one file (CSV/TSV, gzip, Parquet, JSON/NDJSON) into interactions or customers. Every row is either loaded
 * or quarantined with its reason, so rows_read = rows_loaded + rows_quarantined. The rows, the quarantine and the
 * ingests record are written in one transaction: a failure or a kill leaves the database as it was. A file whose
 * content (sha256) was ingested before as the same kind is skipped.
 */
export async function ingestFile(
	db: Database,
	file: string,
	options: IngestOptions = {}
): Promise<IngestReport> {
	const t0 = performance.now();
	const startedAt = new Date();
	const kind: IngestKind = options.kind ?? 'interactions';
	if (kind !== 'interactions' && kind !== 'customers') {
		throw new IngestError(`unknown kind '${String(kind)}'; use interactions or customers`);
	}
	const preset = presetOf(options.preset).name;
	if (kind === 'customers' && preset !== 'generic') {
		throw new IngestError(
			`--preset ${preset} describes interactions; customers files use the generic preset`
		);
	}
	const dedupe = options.dedupe ?? 'none';
	if (dedupe !== 'none' && dedupe !== 'exact')
		throw new IngestError(`--dedupe must be none or exact, got '${dedupe}'`);
	checkFormatOptions(options);
	checkReadable(file);
	const path = resolve(file);
	// One pass: gzip decompressed to its end, UTF-16 / Latin-1 converted to UTF-8 (a temporary copy); the hash of a
	// plain UTF-8 file runs while DuckDB sniffs it (see beforeRead) and is awaited before the file is read in full.
	const source = await prepareSource(path);
	source.hash.catch(() => undefined);
	try {
		return await ingestPrepared(db, file, path, source, { kind, preset, dedupe, startedAt, t0, options });
	} finally {
		source.cleanup();
	}
}

interface Started {
	kind: IngestKind;
	preset: IngestReport['preset'];
	dedupe: 'none' | 'exact';
	startedAt: Date;
	t0: number;
	options: IngestOptions;
}

async function ingestPrepared(
	db: Database,
	file: string,
	path: string,
	source: PreparedSource,
	{ kind, preset, dedupe, startedAt, t0, options }: Started
): Promise<IngestReport> {
	const format = detectFormat(path);
	const base = { file, kind, preset, format } as const;

	const timeZone = await businessTimeZone(db);
	let hash = '';
	const result = await db.withSession(async (s) => {
		try {
			await s.exec(loadQuery('ingest_macros'));
			const now = await localNow(s, timeZone, options.now ?? startedAt);
			const ctx: CheckContext = {
				file: source.path,
				sourceFile: path,
				source: readerSql(format, source.path),
				columns: [],
				options: { ...options, dedupe },
				timeZone,
				now,
				idPrefix: '',
				lineOffset: 0,
				lenient: false,
				numericColumns: new Set(),
				beforeRead: async () => {
					hash = await source.hash;
					ctx.idPrefix = hash.slice(0, 16);
					for (const content_hash of [hash, source.legacyHash]) {
						if (content_hash === undefined) continue;
						const prior = await s.query<PriorIngest>('ingest_find_hash', { content_hash, kind });
						if (prior[0]) throw new AlreadyIngested(prior[0]);
					}
				}
			};
			options.onPhase?.('reading');
			const columns = await check(s, ctx, format, kind);
			const report = await load(s, ctx, {
				...base,
				hash,
				columns,
				startedAt,
				options: { ...options, dedupe }
			});
			return { report };
		} catch (e) {
			if (e instanceof AlreadyIngested) return { prior: e.prior };
			throw e;
		} finally {
			for (const t of TEMP_TABLES) await s.exec(`DROP TABLE IF EXISTS temp.${t}`).catch(() => undefined);
		}
	});
	if (result.prior) {
		const p = result.prior;
		return afterLoad(db, options, {
			...base,
			ingest_id: Number(p.ingest_id),
			rows_read: Number(p.rows_read),
			rows_loaded: 0,
			rows_quarantined: 0,
			reasons: {},
			duration_ms: Math.round(performance.now() - t0),
			skipped: `already ingested (ingest ${p.ingest_id}: ${p.rows_loaded} rows loaded, ${p.rows_quarantined} quarantined)`
		});
	}
	const report = result.report;
	if (source.encoding !== 'utf-8') report.encoding = source.encoding;
	report.duration_ms = Math.round(performance.now() - t0);
	return afterLoad(db, options, report);
}

/**
 * The refresh that makes an ingest one unit with its derived tables: after new rows, or when the refresh of an
 * earlier ingest did not finish (a kill: re-running the same file repairs it, although its rows are in). A refresh
 * that fails leaves the rows committed and the registry stale (the next command redoes it); the report keeps its
 * counts and names the failure.
 */
async function afterLoad(db: Database, options: IngestOptions, report: IngestReport): Promise<IngestReport> {
	if (options.noRefresh) return report;
	try {
		const refreshing = () => options.onPhase?.('refreshing');
		const steps =
			report.rows_loaded > 0
				? (refreshing(), await refreshDerived(db))
				: await repairInterruptedRefresh(db, refreshing);
		if (steps) report.refreshed = steps.filter((st) => !st.skipped).map((st) => st.name);
	} catch (e) {
		report.refresh_error = e instanceof Error ? e.message : String(e);
	}
	return report;
}

/** An earlier ingest of the same content and kind (queries/ingest_find_hash.sql). */
interface PriorIngest {
	ingest_id: number;
	file: string;
	rows_read: number;
	rows_loaded: number;
	rows_quarantined: number;
	reasons: string;
}

/** Thrown by beforeRead when the content was ingested before: nothing more is read or written. */
class AlreadyIngested extends IngestError {
	constructor(readonly prior: PriorIngest) {
		super(`already ingested (ingest ${prior.ingest_id})`);
	}
}

/**
 * Reads and checks the file into ingest_checked; a CSV the strict reader refuses is read again leniently (then
 * ctx.lenient is true). Returns the columns found for the canonical fields.
 */
async function check(
	s: Session,
	ctx: CheckContext,
	format: SourceFormat,
	kind: IngestKind
): Promise<Record<string, string>> {
	const run = kind === 'customers' ? checkCustomers : checkInteractions;
	let columns: Record<string, string> = {};
	const attempt = async (lenient: boolean): Promise<void> => {
		ctx.lenient = lenient;
		const lenientNumeric = lenient && format === 'json' ? await readNdjsonLeniently(s, ctx.file) : undefined;
		ctx.source = readerSql(format, ctx.file, lenient);
		ctx.columns = await sourceColumns(s, format, ctx.file, lenient, ctx.sourceFile);
		if (format === 'csv')
			await checkDuplicateHeaders(s, ctx.file, ctx.columns, ctx.options.map, ctx.sourceFile);
		ctx.lineOffset = format === 'csv' ? await csvLineOffset(s, ctx.file) : 0;
		if (kind === 'interactions')
			ctx.numericColumns = lenientNumeric ?? (await numericColumns(s, format, ctx.file));
		columns = await withProgress(s, ctx.options.onProgress, () => run(s, ctx));
	};
	try {
		await attempt(false);
		return columns;
	} catch (strictError) {
		if (strictError instanceof AlreadyIngested) throw strictError;
		// Only CSV and NDJSON have a lenient reader; a mistake in our own SQL is not the file's fault.
		const lenientReader = format === 'csv' || (format === 'json' && isNdjson(ctx.file));
		if (!lenientReader || isInternalError(strictError)) {
			throw strictError instanceof IngestError || isInternalError(strictError)
				? strictError
				: readError(format, ctx.sourceFile, strictError, ctx.file);
		}
		// Ragged rows can make the strict sniffer see one column; the lenient reader splits such files correctly.
		try {
			await attempt(true);
		} catch (e) {
			if (e instanceof IngestError || isInternalError(e)) throw e;
			throw strictError instanceof IngestError
				? strictError
				: readError(format, ctx.sourceFile, strictError, ctx.file);
		}
	}
	if (format === 'csv') await checkStrayQuotes(s, ctx);
	// The lenient reader knows the header and skipped lines for sure; number the loaded rows around rejected lines.
	const scan =
		format === 'csv'
			? await s.sql<{ skip_rows: number; has_header: boolean }>(
					`SELECT skip_rows, has_header FROM temp.${REJECTS_SCAN} LIMIT 1`
				)
			: [];
	if (scan[0]) ctx.lineOffset = Number(scan[0].skip_rows) + (scan[0].has_header ? 1 : 0);
	const rejected = await s.sql<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM temp.${REJECTS_TABLE}`);
	const checked = await s.sql<{ n: number }>('SELECT count(*) AS n FROM ingest_checked');
	await s.query('ingest_line_map', {
		line_offset: ctx.lineOffset,
		total: Number(checked[0]?.n ?? 0) + Number(rejected[0]?.n ?? 0)
	});
	return columns;
}

/**
 * A CSV whose lenient read rejected lines, with a line holding an unpaired quote while its other quoted cells pair
 * theirs: that one quote made the reader drop quoting for the whole file (quoted cells with a comma rejected, or
 * loaded with their quotes). Refused, naming the line, rather than quarantining rows that are fine.
 */
async function checkStrayQuotes(s: Session, ctx: CheckContext): Promise<void> {
	const rejected = await s.sql<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM temp.${REJECTS_TABLE}`);
	const n = Number(rejected[0]?.n ?? 0);
	if (n === 0) return;
	// the reader kept double-quote quoting: a quote did not change the dialect (a quoted cell over two lines)
	const scan = await s.sql<{ quote: string }>(`SELECT quote FROM temp.${REJECTS_SCAN} LIMIT 1`);
	if (scan[0]?.quote === '"') return;
	const stray = unpairedQuotes(ctx.file);
	if (stray.length === 0) return;
	const lines = stray.map((q) => `line ${q.line} (${JSON.stringify(q.text)})`).join(', ');
	throw new IngestError(
		`${ctx.sourceFile}: an unpaired quote at ${lines} changed how the whole file is read: without quoting, ` +
			`${n.toLocaleString('en')} other lines could not be split into columns. Nothing was loaded. Close or ` +
			'remove that quote (a quote inside a quoted cell is written twice: "")'
	);
}

/** Errors of our SQL (parser, binder, catalog), as opposed to errors reading the file. */
function isInternalError(e: unknown): boolean {
	return e instanceof Error && /Parser Error|Binder Error|Catalog Error|INTERNAL Error/.test(e.message);
}

interface LoadInfo {
	file: string;
	kind: IngestKind;
	preset: IngestReport['preset'];
	format: SourceFormat;
	hash: string;
	columns: Record<string, string>;
	startedAt: Date;
	options: IngestOptions;
}

/** Writes the checked rows, the quarantine and the ingests record in one transaction. */
async function load(s: Session, ctx: CheckContext, info: LoadInfo): Promise<IngestReport> {
	const counts = await s.query<{ reason: string | null; n: number }>('ingest_reason_counts');
	const reasons: Record<string, number> = {};
	let loaded = 0;
	for (const r of counts) {
		if (r.reason === null) loaded = Number(r.n);
		else reasons[r.reason] = Number(r.n);
	}
	if (ctx.lenient) {
		const rejected = await s.sql<{ reason: string; n: number }>(
			`SELECT reason, count(*) AS n FROM (
				SELECT 'malformed row: ' || lower(arg_min(error_type, column_idx)::VARCHAR) AS reason
				FROM temp.${REJECTS_TABLE} GROUP BY line) GROUP BY reason`
		);
		for (const r of rejected) reasons[r.reason] = (reasons[r.reason] ?? 0) + Number(r.n);
	}
	const quarantined = Object.values(reasons).reduce((a, b) => a + b, 0);
	const report: IngestReport = {
		file: info.file,
		kind: info.kind,
		preset: info.preset,
		format: info.format,
		ingest_id: null,
		rows_read: loaded + quarantined,
		rows_loaded: loaded,
		rows_quarantined: quarantined,
		reasons: sortedReasons(reasons),
		duration_ms: 0,
		columns: info.columns
	};
	if (ctx.formats) {
		report.formats = ctx.formats;
		if (ctx.formats.currency) report.currency_sign = ctx.formats.currency;
		const notes = formatNotes(ctx.formats, reasons);
		if (notes.length > 0) report.notes = notes;
	}

	await s.exec('BEGIN TRANSACTION');
	// The rows carry their source_line, so the tables need not keep the file's order; letting DuckDB write them
	// in any order cost about 25% less CPU for the interactions insert (3 A/B pairs on the 2M-row bench file).
	// SESSION scope: other connections of the pool keep the default.
	await s.exec('SET SESSION preserve_insertion_order = false');
	try {
		info.options.onPhase?.('writing', { rows: report.rows_read });
		const id = Number((await s.sql<{ id: number }>("SELECT nextval('ingest_seq') AS id"))[0]?.id);
		const params = { ingest_id: id, source_file: ctx.sourceFile };
		// ingest_checked is in file order: record number = rowid + 1 (see ingest_interactions_check.sql).
		const rowParams = { ...params, id_prefix: `${ctx.idPrefix}:`, line_offset: ctx.lineOffset };
		if (info.kind === 'customers') {
			report.warnings = await customerWarnings(s);
			const { created, updated } = await loadCustomers(s, params, loaded);
			report.customers_created = created;
			report.customers_updated = updated;
			report.possible_duplicates = await possibleDuplicates(s);
		} else {
			const parts = interactionLoadParts(info.columns, ctx.lenient);
			await s.exec(renderQuery('ingest_interactions_insert', parts), rowParams);
			if (info.columns.country !== undefined) await s.query('ingest_customer_countries');
			await s.exec(renderQuery('ingest_customer_stubs', parts), rowParams);
			await recordProductNames(s, ctx, info.columns);
			// The amounts' own sign (all ₫ -> VND) says more than the layout's habit.
			const currency = ctx.formats?.currency ?? presetOf(info.preset).currency;
			if (currency && loaded > 0) {
				const before = await currencySetting(s);
				const after = await adoptPresetCurrency(s, currency);
				if (after.code !== before.code) report.currency_set = after.code;
			}
		}
		const line = sourceLineSql(info.kind === 'customers' || ctx.lenient);
		await s.exec(renderQuery('ingest_quarantine_insert', { line }), rowParams);
		if (ctx.lenient) await s.query('ingest_rejects_quarantine', params);
		await s.query('ingest_record', {
			...params,
			file: ctx.sourceFile,
			content_hash: info.hash,
			kind: info.kind,
			preset: info.preset,
			options: JSON.stringify({
				map: info.options.map ?? {},
				dedupe: info.options.dedupe ?? 'none',
				format: info.format,
				// read by ingest_refresh_wanted.sql: a refresh asked for and not finished is redone by the next command
				refresh: info.options.noRefresh !== true,
				name: basename(ctx.sourceFile)
			}),
			started_at: info.startedAt.toISOString().replace('T', ' ').replace('Z', ''),
			rows_read: report.rows_read,
			rows_loaded: report.rows_loaded,
			rows_quarantined: report.rows_quarantined,
			reasons: JSON.stringify(report.reasons)
		});
		await s.exec('COMMIT');
		report.ingest_id = id;
	} catch (e) {
		await s.exec('ROLLBACK').catch(() => undefined);
		throw e;
	} finally {
		await s.exec('RESET SESSION preserve_insertion_order').catch(() => undefined);
	}
	return report;
}

function sortedReasons(reasons: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

/** Business-local wall-clock time of an instant, as DuckDB TIMESTAMP text. */
async function localNow(s: Session, timeZone: string, at: Date): Promise<string> {
	const rows = await s.sql<{ t: string }>(
		"SELECT strftime(timezone($tz, $at::TIMESTAMPTZ), '%Y-%m-%d %H:%M:%S') AS t",
		{ tz: timeZone, at: at.toISOString() }
	);
	const t = rows[0]?.t;
	if (!t) throw new Error(`cannot compute the local time in zone ${timeZone}`);
	return t;
}

/** Reports DuckDB's progress of the running statement to onProgress every 250 ms. */
async function withProgress<T>(
	s: Session,
	onProgress: ((percent: number) => void) | undefined,
	fn: () => Promise<T>
): Promise<T> {
	if (!onProgress) return fn();
	await s.exec('SET enable_progress_bar = true');
	await s.exec('SET enable_progress_bar_print = false');
	const timer = setInterval(() => {
		const p = s.connection.progress.percentage;
		if (p >= 0) onProgress(Math.min(100, p));
	}, 250);
	try {
		return await fn();
	} finally {
		clearInterval(timer);
	}
}
