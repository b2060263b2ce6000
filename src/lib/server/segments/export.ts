import { listValue } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import type { Database } from '../db';
import { compileRule } from './compile';
import { ensureCustomerFeatures } from './features';
import { FIELDS, fieldByKey } from './fields';
import type { Rule } from './rule';

/**
 * Export of a segment's members to CSV, Parquet or JSON with DuckDB COPY. Customers without consent for the chosen
 * channel are left out unless asked otherwise, and counted. The exact membership written is recorded in
 * segment_export_members under the export's id, in the same transaction as the file is written.
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

export const DEFAULT_EXPORT_COLUMNS = [
	'customer_id',
	'name',
	'email',
	'phone',
	'rfm_segment',
	'r_score',
	'f_score',
	'm_score',
	'predicted_clv',
	'p_alive'
];

function columnSql(key: string): string {
	const contact = CONTACT_COLUMNS[key];
	if (contact) return `${contact.sql} AS "${key}"`;
	if (!fieldByKey(key)) throw new Error(`unknown column '${key}'`);
	return `f."${key}" AS "${key}"`;
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
	requireConsent: z.boolean().default(true)
});
export type ExportOptions = z.input<typeof exportOptionsSchema>;

export interface ExportResult {
	exportId: number;
	file: string;
	format: ExportFormat;
	columns: string[];
	channel: Channel;
	requireConsent: boolean;
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
export async function exportSegment(
	db: Database,
	input: { rule: Rule; segmentName?: string | null; file: string } & ExportOptions
): Promise<ExportResult> {
	const opts = exportOptionsSchema.parse(input);
	await ensureCustomerFeatures(db);
	const compiled = compileRule(input.rule);
	const consent = opts.requireConsent ? CONSENT_SQL[opts.channel] : 'TRUE';
	const select = opts.columns.map(columnSql).join(', ');
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
				   features_as_of, matched, members, left_out_no_consent)
				 VALUES ($segment::VARCHAR, $rule::JSON, $format, $columns::VARCHAR[], $channel, $require, $file,
				   $as_of::DATE, $matched, $members, $left_out)
				 RETURNING export_id AS id`,
				{
					segment: input.segmentName ?? null,
					rule: JSON.stringify(input.rule),
					format: opts.format,
					columns: listValue(opts.columns),
					channel: opts.channel,
					require: opts.requireConsent,
					file: input.file,
					as_of,
					matched,
					members: consenting,
					left_out: matched - consenting
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
				{ export_id: exportId, file: input.file }
			);
			const rows = Number(written[0]?.Count ?? -1);
			if (rows !== consenting) {
				throw new Error(
					`export wrote ${rows} rows but ${consenting} customers are members; nothing was recorded`
				);
			}
			return {
				exportId,
				file: input.file,
				format: opts.format,
				columns: opts.columns,
				channel: opts.channel,
				requireConsent: opts.requireConsent,
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

function withRuleExpr(sql: string): string {
	return `(${sql})`;
}

export interface ExportRecord {
	exportId: number;
	segmentName: string | null;
	format: string;
	channel: string;
	file: string;
	exportedAt: string;
	matched: number;
	members: number;
	leftOutNoConsent: number;
}

/** Past exports, newest first (optionally of one segment). */
export async function listExports(db: Database, segmentName?: string): Promise<ExportRecord[]> {
	return db.sql<ExportRecord>(
		`SELECT export_id AS "exportId", segment_name AS "segmentName", format, channel, file,
		   strftime(exported_at, '%Y-%m-%d %H:%M:%S') AS "exportedAt", matched, members,
		   left_out_no_consent AS "leftOutNoConsent"
		 FROM segment_exports WHERE $name::VARCHAR IS NULL OR segment_name = $name::VARCHAR
		 ORDER BY export_id DESC`,
		{ name: segmentName ?? null }
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
