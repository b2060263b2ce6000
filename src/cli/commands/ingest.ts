import type { Command } from 'commander';
import {
	CELL_LIMIT_BYTES,
	IngestError,
	MAX_LINE_BYTES,
	checkFormatOptions,
	parseMapOptions,
	type IngestOptions,
	type IngestReport
} from '../../lib/server/ingest';
import { ingestStatus, withDbOrServer, type IngestState } from '../ingest-target';
import { StatusLine } from '../progress';
import { UsageError, printJson } from '../util';

interface IngestCliOptions {
	kind: string;
	preset: string;
	map: string[];
	dedupe: string;
	decimal?: string;
	thousands?: string;
	dateFormat?: string;
	minDate?: string;
	json?: boolean;
	refresh: boolean;
	verbose?: boolean;
}

export function registerIngest(program: Command): void {
	program
		.command('ingest')
		.description(
			'load CSV/TSV (also .gz), Parquet or JSON/NDJSON files: every row is loaded or quarantined with its reason'
		)
		.argument('<file...>', 'files to load, each in its own transaction')
		.option('--kind <kind>', 'what the rows are: interactions | customers', 'interactions')
		.option('--preset <preset>', 'file layout: generic | online-retail | cdnow', 'generic')
		.option(
			'--map <field=column>',
			'use this column for a field, e.g. --map occurred_at=InvoiceDate (repeatable)',
			(value: string, prev: string[]) => [...prev, value],
			[] as string[]
		)
		.option(
			'--dedupe <mode>',
			'none | exact (exact duplicate rows are quarantined as "duplicate row")',
			'none'
		)
		.option('--decimal <mark>', "the amounts' decimal mark: . or , (default: what the file's amounts show)")
		.option(
			'--thousands <mark>',
			"the amounts' thousands separator: , or . or ' ' (--thousands . reads 150.000 as 150000)"
		)
		.option(
			'--date-format <format>',
			'how dates that are not ISO are written: dd/mm/yyyy | mm/dd/yyyy | yyyy-mm-dd | dd/mm/yy | mm/dd/yy | yy-mm-dd'
		)
		.option('--min-date <YYYY-MM-DD>', 'quarantine dates before this day', '1990-01-01')
		.option('--json', 'print the report as JSON (an array when several files)')
		.option('--no-refresh', 'do not recompute derived tables after loading')
		.option('--verbose', 'on a terminal too, a line on stderr for each step instead of one redrawn line')
		.addHelpText(
			'after',
			'\nProgress (step, rows, elapsed) goes to stderr: one redrawn line on a terminal, a line per step elsewhere.\n' +
				`Limits: a cell over ${CELL_LIMIT_BYTES / 1024} KiB is quarantined as 'cell too large'; a CSV line over ${MAX_LINE_BYTES / 1048576} MiB (DuckDB's\n` +
				'max_line_size) cannot be read, and the file is refused naming the line.\n' +
				'While the dashboard runs it owns the database: crm ingest then hands the files to the server, which loads\n' +
				'them (the same report). Fields, rules and presets: docs/INGESTION.md. Exit code 1 when a file cannot be\n' +
				'read (nothing of it is written), or when its rows are in but the refresh after them failed (the report\n' +
				'says refresh_error; a refresh that fails or is killed is redone by the next crm command or ingest).'
		)
		.action(async (files: string[], opts: IngestCliOptions, cmd: Command) => {
			if (!['interactions', 'customers'].includes(opts.kind)) {
				throw new UsageError(`--kind must be interactions or customers, got '${opts.kind}'`);
			}
			if (!['generic', 'online-retail', 'cdnow'].includes(opts.preset)) {
				throw new UsageError(`--preset must be generic, online-retail or cdnow, got '${opts.preset}'`);
			}
			if (!['none', 'exact'].includes(opts.dedupe)) {
				throw new UsageError(`--dedupe must be none or exact, got '${opts.dedupe}'`);
			}
			let map: Record<string, string>;
			try {
				map = parseMapOptions(opts.map);
			} catch (e) {
				throw new UsageError(e instanceof Error ? e.message : String(e));
			}
			const base: IngestOptions = {
				kind: opts.kind as IngestOptions['kind'],
				preset: opts.preset as IngestOptions['preset'],
				map,
				dedupe: opts.dedupe as IngestOptions['dedupe'],
				noRefresh: !opts.refresh,
				decimal: opts.decimal as IngestOptions['decimal'],
				thousands: opts.thousands as IngestOptions['thousands'],
				dateFormat: opts.dateFormat,
				minDate: opts.minDate
			};
			try {
				checkFormatOptions(base);
			} catch (e) {
				throw new UsageError(e instanceof Error ? e.message : String(e));
			}
			const reports: (IngestReport | { file: string; error: string })[] = [];
			let failed = 0;
			const progress = new StatusLine(process.stderr, { redraw: opts.verbose !== true });
			await withDbOrServer(cmd, progress, async (load) => {
				for (const file of files) {
					const show = (state: IngestState) => progress.show(state.phase, () => ingestStatus(file, state));
					try {
						const report = await load(file, base, show);
						progress.stop();
						reports.push(report);
						if (!opts.json) process.stdout.write(summary(report));
						if (report.refresh_error) {
							// the rows are in (the report counts them); the next command redoes the refresh
							failed++;
							process.stderr.write(
								`crm ingest: ${file}: loaded, but the refresh failed: ${report.refresh_error} (the next crm command redoes it)\n`
							);
						}
					} catch (e) {
						progress.stop();
						failed++;
						const message = e instanceof Error ? e.message : String(e);
						reports.push({ file, error: message });
						process.stderr.write(`crm ingest: ${message.includes(file) ? message : `${file}: ${message}`}\n`);
						if (!(e instanceof IngestError) && process.env.CRM_DEBUG && e instanceof Error) {
							process.stderr.write(`${e.stack}\n`);
						}
					}
				}
			});
			if (opts.json) printJson(files.length === 1 && reports[0] ? reports[0] : reports);
			if (failed > 0) process.exitCode = 1;
		});
}

const fmt = (n: number): string => n.toLocaleString('en');

/** The human summary of one file. */
export function summary(r: IngestReport): string {
	if (r.skipped) {
		const redone = r.refreshed
			? `; the unfinished refresh redone (${r.refreshed.join(', ') || 'nothing'})`
			: '';
		return `${r.file}: skipped, ${r.skipped}${redone}\n`;
	}
	const seconds = r.duration_ms / 1000;
	const rate = seconds > 0 ? Math.round(r.rows_read / seconds) : r.rows_read;
	const lines = [
		`${r.file} (${r.format}, ${r.kind}, preset ${r.preset})`,
		`  read         ${fmt(r.rows_read)} rows in ${seconds.toFixed(1)} s (${fmt(rate)} rows/s)`,
		`  loaded       ${fmt(r.rows_loaded)}`,
		`  quarantined  ${fmt(r.rows_quarantined)}`
	];
	for (const [reason, n] of Object.entries(r.reasons)) lines.push(`    ${fmt(n).padStart(10)}  ${reason}`);
	if (r.formats) {
		const f = r.formats;
		const sign = r.currency_sign ? `, amounts in ${r.currency_sign}` : '';
		lines.push(
			`  numbers      decimal '${f.decimal}', thousands '${f.thousands}' (${f.number_by})${sign}; dates ${f.dates} (${f.dates_by}), from ${f.min_date}`
		);
	}
	if (r.currency_set) lines.push(`  currency     set to ${r.currency_set}`);
	for (const note of r.notes ?? []) lines.push(`  note: ${note}`);
	if (r.customers_created !== undefined) {
		lines.push(`  customers    ${fmt(r.customers_created)} new, ${fmt(r.customers_updated ?? 0)} updated`);
	}
	for (const [warning, n] of Object.entries(r.warnings ?? {})) {
		lines.push(`    ${fmt(n).padStart(10)}  ${warning} (kept as NULL, raw value in attributes)`);
	}
	if (r.possible_duplicates && r.possible_duplicates.groups > 0) {
		lines.push(
			`  possible duplicates: ${fmt(r.possible_duplicates.groups)} groups of customers share an e-mail or phone ` +
				'(not merged; see --json)'
		);
	}
	if (r.rows_quarantined > 0)
		lines.push('  quarantined rows: table quarantine (source_file, source_line, reason, raw)');
	return `${lines.join('\n')}\n`;
}
