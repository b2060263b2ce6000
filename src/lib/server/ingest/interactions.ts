import type { Session } from '../db';
import { detectColumns, interactionFields, requireFields } from './fields';
import { presetOf } from './presets';
import { quoteIdent, renderQuery } from './sqltext';
import type { CheckContext } from './check';
import { IngestError } from './types';

/**
 * Builds and runs queries/ingest_interactions_check.sql for one file into the temp table ingest_checked (in file
 * order), then the duplicate rules when the file has ids or --dedupe exact is asked.
 */
export async function checkInteractions(s: Session, ctx: CheckContext): Promise<Record<string, string>> {
	const preset = presetOf(ctx.options.preset);
	if (ctx.options.dedupe === 'exact' && !preset.dedupeAllowed) {
		throw new IngestError(
			`--dedupe exact is not allowed with --preset ${preset.name}: identical rows there are real repeat purchases`
		);
	}
	const presetMap: Record<string, string> = {};
	for (const [field, column] of Object.entries(preset.columns)) {
		if (ctx.columns.includes(column)) presetMap[field] = column;
	}
	const columns = detectColumns('interactions', ctx.columns, { ...presetMap, ...ctx.options.map });
	requireFields(columns, preset.required, ctx.columns);

	const col = (field: string): string => {
		const c = columns[field];
		return c === undefined ? 'NULL::VARCHAR' : quoteIdent(c);
	};
	const parts: Record<string, string> = { source: ctx.source };
	for (const field of Object.keys(interactionFields)) parts[`col.${field}`] = col(field);
	parts.type = preset.type.replace('{{has_type}}', columns.type === undefined ? 'false' : 'true');
	parts.amount = preset.amount;
	parts.first_reason = preset.firstReason;
	parts.preset_reason = preset.presetReason;
	// Rules that compare rows with each other run afterwards (ingest_interactions_duplicates), in file order; they
	// need every row's cells, not only those of rows the per-row rules quarantine.
	const hasIds = columns.interaction_id !== undefined;
	const dedupe = ctx.options.dedupe === 'exact';
	parts.keep_raw = hasIds || dedupe ? 'true' : 'false';
	parts.raw_json = rawJson(ctx.columns);

	const monthfirst = await prefersMonthFirst(s, ctx, columns.occurred_at);
	await ctx.beforeRead();
	await s.exec(renderQuery('ingest_interactions_check', parts), {
		file: ctx.file,
		tz: ctx.timeZone,
		now: ctx.now,
		monthfirst
	});
	if (hasIds || dedupe) {
		await s.exec(
			renderQuery('ingest_interactions_duplicates', {
				duplicate_id: hasIds
					? `interaction_id IS NOT NULL AND (row_number() OVER (PARTITION BY interaction_id ORDER BY rowid) > 1
						OR interaction_id IN (SELECT interaction_id FROM interactions))`
					: 'false',
				duplicate_row: dedupe ? 'row_number() OVER (PARTITION BY raw::VARCHAR ORDER BY rowid) > 1' : 'false'
			})
		);
	}
	return columns;
}

/** The raw cells of a row as a JSON object keyed by the file's column names. */
export function rawJson(columns: string[]): string {
	if (columns.length === 0) return `'{}'::JSON`;
	return `to_json(struct_pack(${columns.map((c) => `${quoteIdent(c)} := ${quoteIdent(c)}`).join(', ')}))`;
}

/**
 * 01/02/2024: day first (Vietnam, UK) unless the file's dates read as month first more often (then some day
 * numbers exceed 12 in the second place). Decided on the first 50,000 values.
 */
async function prefersMonthFirst(
	s: Session,
	ctx: CheckContext,
	column: string | undefined
): Promise<boolean> {
	if (column === undefined) return false;
	const rows = await s.sql<{ d: number; m: number }>(
		`SELECT count(crm_ts(v, $tz, false)) AS d, count(crm_ts(v, $tz, true)) AS m
		 FROM (SELECT crm_text(${quoteIdent(column)}) AS v FROM ${ctx.source} LIMIT 50000)`,
		{ file: ctx.file, tz: ctx.timeZone }
	);
	const r = rows[0];
	return r !== undefined && Number(r.m) > Number(r.d);
}
