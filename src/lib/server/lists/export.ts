import { listValue, type DuckDBValue } from '@duckdb/node-api';
import { createReadStream, createWriteStream, renameSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { LANGS } from '../../i18n/format';
import { randomBytes } from 'node:crypto';
import { recordAudit, type AuditEntry } from '../auth/audit';
import type { Database } from '../db';
import { getSetting } from '../db/settings';
import { compileRule } from './compile';
import { ensureCustomerFeatures } from './features';
import { FIELDS, fieldByKey } from './fields';
import type { Rule } from './rule';
import { NAMED_FIELDS, valueNamer, type ValueNamer } from './value-names';

/**
 * Export of a list's members to CSV, Parquet or JSON with DuckDB COPY. Customers without consent for the chosen
 * channel are left out unless asked otherwise, and counted. The exact membership written is recorded in
 * segment_export_members under the export's id, in the same transaction as the file is written.
 *
 * Written for people as well as machines:
 * - a coded field (RFM segment, lifecycle stage, churn risk, gender, channels, interaction type) is written as its
 *   name in the export's language (`lang`, default en) under its key, with the code beside it in `<key>_code`;
 * - money is rounded to the business currency's minor unit (setting 'currency', default VND: 0 decimals; GBP,
 *   USD, EUR: 2); probabilities (P(alive), churn probability) stay 0..1, rounded to 3 decimals; other measured
 *   numbers (expected purchases, CSAT) to 2 decimals;
 * - CSV is UTF-8 with a byte order mark, so that Excel reads Vietnamese names right;
 * - personal data (name, email, phone) only when its columns are asked for: the default columns hold none.
 */
export const EXPORT_FORMATS = ['csv', 'parquet', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CHANNELS = ['email', 'sms', 'none'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Contact details come from customers; every other column is a field of customer_features. */
const CONTACT_COLUMNS: Record<string, { sql: string; label: { en: string; vi: string } }> = {
	name: { sql: 'c."name"', label: { en: 'Name', vi: 'Họ tên' } },
	email: { sql: 'c."email"', label: { en: 'Email', vi: 'Email' } },
	phone: { sql: 'c."phone"', label: { en: 'Phone (E.164)', vi: 'Điện thoại (E.164)' } }
};

export const EXPORT_COLUMNS: { key: string; label: { en: string; vi: string } }[] = [
	{ key: 'customer_id', label: { en: 'Customer ID', vi: 'Mã khách hàng' } },
	...Object.entries(CONTACT_COLUMNS).map(([key, c]) => ({ key, label: c.label })),
	...FIELDS.filter((f) => f.key !== 'customer_id').map((f) => ({ key: f.key, label: f.label }))
];

/** The contact columns: personal data, written only when asked for. */
export const CONTACT_COLUMN_KEYS = Object.keys(CONTACT_COLUMNS);

/** Without personal data: the contact columns are added only when the person exporting asks for them. */
export const DEFAULT_EXPORT_COLUMNS = [
	'customer_id',
	'rfm_segment',
	'lifecycle_stage',
	'r_score',
	'f_score',
	'm_score',
	'orders',
	'net_revenue',
	'predicted_clv',
	'p_alive',
	'churn_band'
];

/** Decimals of money in `currency` (its minor unit: VND 0, GBP 2); an unknown code gets 2. */
export function moneyDigits(currency: string): number {
	try {
		return (
			new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
			2
		);
	} catch {
		return 2;
	}
}

const named = new Set<string>(NAMED_FIELDS);

/**
 * The SELECT items of one requested column (one, or two for a coded field: its name and `<key>_code`) and the
 * parameters they bind (the codes and their names). Identifiers come from the whitelist only.
 */
function columnSql(
	key: string,
	ctx: { digits: number; lang: 'en' | 'vi'; names: ValueNamer; codes: Map<string, string[]>; csv: boolean },
	params: Record<string, DuckDBValue>
): string {
	// text cells of a CSV: a leading = + - @ tab or CR is a formula to a spreadsheet (OWASP CSV injection)
	const text = (sql: string) => (ctx.csv ? csvText(sql) : sql);
	const contact = CONTACT_COLUMNS[key];
	if (contact) return `${text(contact.sql)} AS "${key}"`;
	const field = fieldByKey(key);
	if (!field) throw new Error(`unknown column '${key}'`);
	const col = `f."${key}"`;
	const asText = (list: string) => (ctx.csv ? `array_to_string(${list}, '; ')` : list);
	if (named.has(key)) {
		const codes = ctx.codes.get(key) ?? [];
		const i = Object.keys(params).length;
		if (codes.length) {
			params[`codes${i}`] = listValue(codes);
			params[`names${i}`] = listValue(codes.map((c) => ctx.names(key, c)?.[ctx.lang] ?? c));
		}
		// no codes in the data: nothing to name (an empty list parameter has no type to bind)
		const name = (v: string) =>
			codes.length
				? `coalesce(($names${i}::VARCHAR[])[list_position($codes${i}::VARCHAR[], ${v})], ${v})`
				: v;
		const shown =
			field.type === 'list' ? asText(`list_transform(${col}, lambda v: ${name('v')})`) : name(col);
		const code = field.type === 'list' ? asText(col) : col;
		return `${text(shown)} AS "${key}", ${text(code)} AS "${key}_code"`;
	}
	if (field.type === 'list') return `${text(asText(col))} AS "${key}"`;
	if (field.type === 'category') return `${text(col)} AS "${key}"`;
	if (field.money) return `round(${col}, ${ctx.digits})::DECIMAL(18, ${ctx.digits}) AS "${key}"`;
	if (field.share) return `round(${col}, 3)::DECIMAL(4, 3) AS "${key}"`;
	if (field.type === 'number' && !field.integer) return `round(${col}, 2)::DECIMAL(18, 2) AS "${key}"`;
	return `${col} AS "${key}"`;
}

/** Who asked for an export (the audit log's actor; null from the command line or in local mode). */
export interface ExportedBy {
	actor?: AuditEntry['actor'];
	address?: string | null;
}

/**
 * A text value as a CSV cell a spreadsheet shows as text: one starting with = + - @ tab or CR gets a leading
 * apostrophe (OWASP "CSV Injection"), e.g. a customer named `=1+1` is written `'=1+1`. A value that is only a signed
 * number (an E.164 phone such as +84912345678) is left as it is: it cannot call anything.
 */
export function csvText(sql: string): string {
	return `CASE WHEN regexp_matches(${sql}, '^[-=+@\\t\\r]') AND NOT regexp_matches(${sql}, '^[-+]?[0-9]+([.][0-9]+)?$')
		THEN '''' || ${sql} ELSE ${sql} END`;
}

export const exportOptionsSchema = z.object({
	format: z.enum(EXPORT_FORMATS).default('csv'),
	columns: z
		.array(z.string())
		.min(1, 'choose at least one column')
		.default(DEFAULT_EXPORT_COLUMNS)
		.superRefine((cols, ctx) => {
			const known = new Set(EXPORT_COLUMNS.map((c) => c.key));
			const bad = cols.filter((c) => !known.has(c));
			if (bad.length) {
				ctx.addIssue({
					code: 'custom',
					message: `unknown column(s) ${bad.join(', ')}; known: ${[...known].join(', ')}`
				});
			}
			if (new Set(cols).size !== cols.length)
				ctx.addIssue({ code: 'custom', message: 'a column is listed twice' });
		}),
	channel: z.enum(CHANNELS).default('email'),
	/** Leave out customers without consent for the channel (default). */
	requireConsent: z.boolean().default(true),
	/** The language of the names of coded values (segments, stages, channels ...). */
	lang: z.enum(LANGS as ['en', 'vi']).default('en')
});
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export interface ExportResult {
	exportId: number;
	/** the unguessable id the file is downloaded by (export ids are sequential) */
	downloadKey: string;
	file: string;
	format: ExportFormat;
	columns: string[];
	channel: Channel;
	requireConsent: boolean;
	lang: 'en' | 'vi';
	/** the file's columns: the requested ones, each coded field followed by its `<key>_code` */
	fileColumns: string[];
	/** decimals of the money columns (the business currency's) */
	moneyDigits: number;
	/** customers the rule matched */
	matched: number;
	/** customers written to the file */
	members: number;
	/** matched customers left out for lack of consent on the channel */
	leftOutNoConsent: number;
	asOf: string | null;
}

const COPY_OPTIONS: Record<ExportFormat, string> = {
	csv: 'FORMAT csv, HEADER true',
	parquet: 'FORMAT parquet',
	json: 'FORMAT json, ARRAY true'
};

const CONSENT_SQL: Record<Channel, string> = {
	email: 'f.consent_email IS TRUE',
	sms: 'f.consent_sms IS TRUE',
	none: 'TRUE'
};

/**
 * Writes the members of `rule` to `file` (a path chosen by the caller: the CLI's --out, or the server's export
 * folder) and records the export. The file holds exactly the recorded members; a mismatch aborts the export.
 */
export async function exportList(
	db: Database,
	input: { rule: Rule; listName?: string | null; file: string } & ExportOptions & ExportedBy
): Promise<ExportResult> {
	const opts = exportOptionsSchema.parse(input);
	await ensureCustomerFeatures(db);
	const compiled = compileRule(input.rule);
	const consent = opts.requireConsent ? CONSENT_SQL[opts.channel] : 'TRUE';
	const digits = moneyDigits((await getSetting(db, 'currency')) ?? 'VND');
	const names = await valueNamer(db);
	const codes = await codesOf(
		db,
		opts.columns.filter((c) => named.has(c))
	);
	const columnParams: Record<string, DuckDBValue> = {};
	const ctx = { digits, lang: opts.lang, names, codes, csv: opts.format === 'csv' };
	const select = opts.columns.map((c) => columnSql(c, ctx, columnParams)).join(', ');
	const fileColumns = opts.columns.flatMap((c) => (named.has(c) ? [c, `${c}_code`] : [c]));
	const downloadKey = randomBytes(24).toString('base64url');
	let writing = false;
	try {
		return await db.transaction(async (s) => {
			const counts = await s.sql<{ matched: number; consenting: number; as_of: string | null }>(
				`SELECT count(*)::BIGINT AS matched, count(*) FILTER (WHERE ${consent})::BIGINT AS consenting,
				 strftime(max(f.as_of), '%Y-%m-%d') AS as_of
				 FROM customer_features f WHERE ${withRuleExpr(compiled.sql)}`,
				compiled.params
			);
			const { matched, consenting, as_of } = counts[0]!;
			const created = await s.sql<{ id: number }>(
				`INSERT INTO segment_exports (segment_name, rule, format, columns, channel, require_consent, file,
				   features_as_of, matched, members, left_out_no_consent, download_key, created_by, created_role)
				 VALUES ($segment::VARCHAR, $rule::JSON, $format, $columns::VARCHAR[], $channel, $require, $file,
				   $as_of::DATE, $matched, $members, $left_out, $key, $by::VARCHAR, $role::VARCHAR)
				 RETURNING export_id AS id`,
				{
					segment: input.listName ?? null,
					rule: JSON.stringify(input.rule),
					format: opts.format,
					columns: listValue(opts.columns),
					channel: opts.channel,
					require: opts.requireConsent,
					file: input.file,
					as_of,
					matched,
					members: consenting,
					left_out: matched - consenting,
					key: downloadKey,
					by: input.actor?.name ?? null,
					role: input.actor?.role ?? null
				}
			);
			const exportId = created[0]!.id;
			await s.exec(
				`INSERT INTO segment_export_members (export_id, customer_id)
				 SELECT $export_id::BIGINT, f.customer_id FROM customer_features f
				 WHERE ${withRuleExpr(compiled.sql)} AND ${consent}`,
				{ ...compiled.params, export_id: exportId }
			);
			writing = true;
			const written = await s.sql<{ Count: number }>(
				`COPY (
					SELECT ${select}
					FROM segment_export_members m
					JOIN customer_features f ON f.customer_id = m.customer_id
					LEFT JOIN customers c ON c.customer_id = m.customer_id
					WHERE m.export_id = $export_id::BIGINT
					ORDER BY m.customer_id
				) TO $file (${COPY_OPTIONS[opts.format]})`,
				{ ...columnParams, export_id: exportId, file: input.file }
			);
			const rows = Number(written[0]?.Count ?? -1);
			if (rows !== consenting) {
				throw new Error(
					`export wrote ${rows} rows but ${consenting} customers are members; nothing was recorded`
				);
			}
			if (opts.format === 'csv') await prependBom(input.file);
			// one audit row per export, in the same transaction: no export without its record (#19)
			await recordAudit(s, {
				action: 'export',
				actor: input.actor ?? null,
				target: input.listName ?? `export ${exportId}`,
				rows,
				columns: opts.columns,
				address: input.address ?? null,
				detail: `${opts.format}, channel ${opts.channel}`
			});
			return {
				exportId,
				downloadKey,
				file: input.file,
				format: opts.format,
				columns: opts.columns,
				channel: opts.channel,
				requireConsent: opts.requireConsent,
				lang: opts.lang,
				fileColumns,
				moneyDigits: digits,
				matched,
				members: consenting,
				leftOutNoConsent: matched - consenting,
				asOf: as_of
			};
		});
	} catch (e) {
		// A file half-written by a failed export must not be mistaken for a complete one.
		if (writing) rmSync(input.file, { force: true });
		throw e;
	}
}

/** The codes each named field holds in customer_features (list fields unnested). Keys come from the whitelist. */
async function codesOf(db: Database, keys: string[]): Promise<Map<string, string[]>> {
	const out = new Map<string, string[]>(keys.map((k) => [k, []]));
	if (!keys.length) return out;
	const parts = keys.map((k) =>
		fieldByKey(k)?.type === 'list'
			? `SELECT '${k}' AS field, unnest(f."${k}") AS code FROM customer_features f`
			: `SELECT '${k}' AS field, f."${k}" AS code FROM customer_features f`
	);
	const rows = await db.sql<{ field: string; code: string }>(
		`SELECT DISTINCT field, code FROM (${parts.join(' UNION ALL ')}) WHERE code IS NOT NULL ORDER BY ALL`
	);
	for (const r of rows) out.get(r.field)?.push(r.code);
	return out;
}

/** UTF-8 byte order mark: without it Excel reads a CSV in the system's code page and garbles "Hồ Chí Minh". */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Puts the BOM in front of a file DuckDB wrote (streamed, so a large export is not held in memory). */
async function prependBom(file: string): Promise<void> {
	const body = `${file}.body`;
	renameSync(file, body);
	try {
		writeFileSync(file, UTF8_BOM);
		await pipeline(createReadStream(body), createWriteStream(file, { flags: 'a' }));
	} finally {
		rmSync(body, { force: true });
	}
}

function withRuleExpr(sql: string): string {
	return `(${sql})`;
}

export interface ExportRecord {
	exportId: number;
	downloadKey: string | null;
	listName: string | null;
	format: string;
	channel: string;
	file: string;
	exportedAt: string;
	matched: number;
	members: number;
	leftOutNoConsent: number;
}

/** Past exports, newest first (optionally of one list). */
export async function listExports(db: Database, listName?: string): Promise<ExportRecord[]> {
	return db.sql<ExportRecord>(
		`SELECT export_id AS "exportId", download_key AS "downloadKey", segment_name AS "listName", format, channel, file,
		   strftime(exported_at, '%Y-%m-%d %H:%M:%S') AS "exportedAt", matched, members,
		   left_out_no_consent AS "leftOutNoConsent"
		 FROM segment_exports WHERE $name::VARCHAR IS NULL OR segment_name = $name::VARCHAR
		 ORDER BY export_id DESC`,
		{ name: listName ?? null }
	);
}

/** The customer ids an export wrote, sorted. */
export async function exportMembers(db: Database, exportId: number): Promise<string[]> {
	const rows = await db.sql<{ customer_id: string }>(
		'SELECT customer_id FROM segment_export_members WHERE export_id = $id::BIGINT ORDER BY customer_id',
		{ id: exportId }
	);
	return rows.map((r) => r.customer_id);
}
