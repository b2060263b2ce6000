import { quoteIdent } from './sqltext';

/**
 * The largest cell an ingest takes, in UTF-8 bytes (32 KiB). A longer value is no id, name, channel or product: a
 * 10 MB channel value loaded as data made every page that lists channels carry it. Such a row is quarantined as
 * 'cell too large', and the quarantine keeps the cell's first 200 characters and its size (crm_cell_raw).
 * Documented in docs/INGESTION.md and `crm ingest --help`.
 */
export const CELL_LIMIT_BYTES = 32_768;

/** SQL: true when a cell of the row (the file's columns, as the reader names them) is over CELL_LIMIT_BYTES. */
export function cellTooLargeSql(columns: string[]): string {
	if (columns.length === 0) return 'false';
	const sizes = columns.map((c) => `strlen(${quoteIdent(c)}::VARCHAR)`).join(', ');
	return `coalesce(greatest(${sizes}), 0) > ${CELL_LIMIT_BYTES}`;
}

/** The raw cells of a row as a JSON object keyed by the file's column names (a cell over the limit shortened). */
export function rawJson(columns: string[]): string {
	if (columns.length === 0) return `'{}'::JSON`;
	const cells = columns.map((c) => `${quoteIdent(c)} := crm_cell_raw(${quoteIdent(c)}, ${CELL_LIMIT_BYTES})`);
	return `to_json(struct_pack(${cells.join(', ')}))`;
}
