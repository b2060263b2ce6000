import type { Session } from '../db';
import { customerFields, detectColumns, requireFields } from './fields';
import { quoteIdent, renderQuery } from './sqltext';
import { cellTooLargeSql, rawJson } from './cells';
import type { CheckContext } from './check';
import type { PossibleDuplicate } from './types';

/** The fields a customers file must have a column for. */
export const CUSTOMER_REQUIRED = ['customer_id'];

/** Builds and runs queries/ingest_customers_check.sql for one file into the temp table ingest_checked. */
export async function checkCustomers(s: Session, ctx: CheckContext): Promise<Record<string, string>> {
	const columns = detectColumns('customers', ctx.columns, ctx.options.map);
	requireFields(columns, CUSTOMER_REQUIRED, ctx.columns);
	const parts: Record<string, string> = { source: ctx.source };
	for (const field of Object.keys(customerFields)) {
		const c = columns[field];
		parts[`col.${field}`] = c === undefined ? 'NULL::VARCHAR' : quoteIdent(c);
	}
	const used = new Set(Object.values(columns));
	const extras = ctx.columns.filter((c) => !used.has(c));
	parts.extras_json = extras.length ? rawJson(extras) : `'{}'::JSON`;
	parts.duplicate_row =
		ctx.options.dedupe === 'exact'
			? `row_number() OVER (PARTITION BY ${ctx.columns.map(quoteIdent).join(', ')} ORDER BY __n) > 1`
			: 'false';
	parts.raw_json = rawJson(ctx.columns);
	parts.cell_too_large = cellTooLargeSql(ctx.columns);
	await ctx.beforeRead();
	await s.exec(renderQuery('ingest_customers_check', parts), {
		file: ctx.file,
		tz: ctx.timeZone,
		now: ctx.now,
		line_offset: ctx.lineOffset,
		monthfirst: false
	});
	return columns;
}

/** Upserts the checked customers; returns how many were new and how many updated. */
export async function loadCustomers(
	s: Session,
	params: { ingest_id: number; source_file: string },
	loadable: number
): Promise<{ created: number; updated: number }> {
	const existing = Number((await s.query<{ n: number }>('ingest_customers_existing'))[0]?.n ?? 0);
	await s.query('ingest_customers_upsert', params);
	return { created: loadable - existing, updated: existing };
}

/** Warning counts (values stored as NULL because they could not be read). */
export async function customerWarnings(s: Session): Promise<Record<string, number>> {
	const rows = await s.sql<{ warning: string; n: number }>(
		`SELECT w AS warning, count(*) AS n FROM (SELECT unnest(warnings) AS w FROM ingest_checked WHERE reason IS NULL)
		 GROUP BY w ORDER BY w`
	);
	return Object.fromEntries(rows.map((r) => [r.warning, Number(r.n)]));
}

export async function possibleDuplicates(
	s: Session
): Promise<{ groups: number; examples: PossibleDuplicate[] }> {
	const rows = await s.query<{ by: 'email' | 'phone'; customer_ids: string[]; groups: number }>(
		'ingest_possible_duplicates'
	);
	return {
		groups: Number(rows[0]?.groups ?? 0),
		examples: rows.map((r) => ({ by: r.by, customer_ids: r.customer_ids }))
	};
}
