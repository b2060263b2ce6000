import type { Session } from '../db';
import { detectColumns, interactionFields, requireFields } from './fields';
import { fileFormats } from './formats';
import type { FileFormats } from './types';
import { presetOf, type InteractionPreset } from './presets';
import { quoteIdent, renderQuery } from './sqltext';
import type { CheckContext } from './check';
import { IngestError } from './types';
import { cellTooLargeSql, rawJson } from './cells';

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
	const columns = interactionColumns(preset, ctx.columns, ctx.options.map);
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
	parts.cell_too_large = cellTooLargeSql(ctx.columns);
	parts.optional_columns = optionalColumns(columns, ctx.lenient);

	const formats = await fileFormats(s, ctx, columns);
	ctx.formats = formats;
	await ctx.beforeRead();
	await s.exec(renderQuery('ingest_interactions_check', parts), {
		file: ctx.file,
		tz: ctx.timeZone,
		now: ctx.now,
		monthfirst: formats.month_first,
		date_format: formats.date_format,
		date_ambiguous: formats.date_ambiguous,
		min_date: formats.min_date,
		...numberParams(formats, ctx.numericColumns, columns)
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

/**
 * The number format of the amount and the unit price column: the file's, or a decimal point for a column the file
 * stores as numbers (Parquet, JSON).
 */
function numberParams(
	formats: FileFormats,
	numeric: Set<string>,
	columns: Record<string, string>
): Record<string, string | boolean> {
	const typed = (field: string) => columns[field] !== undefined && numeric.has(columns[field]);
	const amountTyped = typed('amount');
	const priceTyped = typed('unit_price');
	return {
		amount_decimal: amountTyped ? '.' : formats.decimal,
		price_decimal: priceTyped ? '.' : formats.decimal,
		amount_ambiguous: formats.amount_ambiguous && !amountTyped,
		price_ambiguous: formats.amount_ambiguous && !priceTyped
	};
}

/** Which file column feeds each field: --map first, then the preset's column names, then generic detection. */
export function interactionColumns(
	preset: InteractionPreset,
	fileColumns: string[],
	map: Record<string, string> = {}
): Record<string, string> {
	const presetMap: Record<string, string> = {};
	for (const [field, column] of Object.entries(preset.columns)) {
		if (fileColumns.includes(column)) presetMap[field] = column;
	}
	return detectColumns('interactions', fileColumns, { ...presetMap, ...map });
}

/**
 * The columns of ingest_checked that only some files have, as the check computes them. A field without a column
 * in the file is left out of the table (it would be NULL in every row) and written as NULL by the insert.
 */
const optionalFields = {
	interaction_id: '__id_raw',
	channel: '__channel',
	order_id: '__order_id',
	quantity: '__quantity',
	product_id: '__product_id',
	category: '__category',
	csat: '__csat::TINYINT',
	resolved_at: '__resolved_at',
	country: '__country'
} as const;

function optionalColumns(columns: Record<string, string>, lenient: boolean): string {
	const out = lenient ? ['NULL::BIGINT AS source_line,'] : [];
	for (const [field, value] of Object.entries(optionalFields)) {
		if (columns[field] !== undefined) out.push(`${value} AS ${field},`);
	}
	return out.join('\n\t');
}

/**
 * A row's source_line in ingest_checked: its record number (rowid + 1, the table is in file order) plus the lines
 * before the first data row, unless the table has a source_line column (customers; leniently read files, where
 * ingest_line_map numbers the rows around the rejected lines).
 */
export function sourceLineSql(hasLineColumn: boolean): string {
	return hasLineColumn
		? 'coalesce(source_line, rowid + 1 + $line_offset::BIGINT)'
		: 'rowid + 1 + $line_offset::BIGINT';
}

/**
 * The placeholders of ingest_interactions_insert and ingest_customer_stubs for the columns ingest_checked has
 * (see optionalColumns). A derived id is `$id_prefix` (hash prefix and ':') followed by the record number.
 */
export function interactionLoadParts(
	columns: Record<string, string>,
	lenient: boolean
): Record<string, string> {
	const parts: Record<string, string> = {};
	for (const field of Object.keys(optionalFields))
		parts[field] = columns[field] === undefined ? 'NULL' : field;
	const derivedId = '$id_prefix || (rowid + 1)::VARCHAR';
	parts.interaction_id =
		columns.interaction_id === undefined ? derivedId : `coalesce(interaction_id, ${derivedId})`;
	parts.line = sourceLineSql(lenient);
	// The first row of a customer is the one with the smallest rowid; adding the offset once per customer.
	parts.first_line = lenient ? `min(${sourceLineSql(true)})` : 'min(rowid) + 1 + $line_offset::BIGINT';
	// Without a country column a second value per group is not needed.
	parts.country = columns.country === undefined ? 'NULL::VARCHAR' : 'arg_max(country, occurred_at)';
	return parts;
}
