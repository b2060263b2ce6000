import {
	Bool,
	Float64,
	Int64,
	Schema,
	Table,
	Utf8,
	makeVector,
	tableFromIPC,
	tableToIPC,
	vectorFromArray
} from 'apache-arrow';
import type { DataType } from 'apache-arrow';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

function inferType(values: unknown[]): DataType {
	const v = values.find((x) => x !== null && x !== undefined);
	if (typeof v === 'number') return new Float64();
	if (typeof v === 'bigint') return new Int64();
	if (typeof v === 'boolean') return new Bool();
	return new Utf8();
}

function normalise(v: unknown): unknown {
	if (v === undefined || v === null) return null;
	if (v instanceof Date) return v.toISOString();
	if (typeof v === 'object' && typeof v !== 'bigint') return JSON.stringify(v);
	return v;
}

/** The rows' keys in the order they first appear: every key of every row (rows of one kind may leave some out). */
export function rowColumns(rows: readonly object[]): string[] {
	const names = new Set<string>();
	for (const row of rows) for (const key of Object.keys(row)) names.add(key);
	return [...names];
}

/**
 * Rows of plain values as an Arrow table: numbers become Float64, booleans Bool, everything else Utf8 (dates as
 * ISO strings, lists and objects as JSON). The columns are the rows' own keys (rowColumns), so the table has the
 * columns of the JSON answer in the same order; no rows make a table without columns, as the JSON answer is `[]`.
 */
export function rowsToArrowTable(rows: readonly object[]): Table {
	const names = rowColumns(rows);
	const vectors: Record<string, ReturnType<typeof makeVector>> = {};
	for (const name of names) {
		const values = rows.map((r) => normalise((r as Record<string, unknown>)[name]));
		vectors[name] = vectorFromArray(values, inferType(values) as never) as ReturnType<typeof makeVector>;
	}
	return rows.length === 0 ? new Table(new Schema([])) : new Table(vectors);
}

export function rowsToArrowIPC(rows: readonly object[]): Uint8Array {
	return tableToIPC(rowsToArrowTable(rows), 'stream');
}

/** An Arrow answer back into row objects (64-bit integers as numbers): for readers of the Arrow default (tests, scripts). */
export function arrowRows<T>(ipc: Uint8Array): T[] {
	const table = tableFromIPC(ipc);
	const names = table.schema.fields.map((f) => f.name);
	const columns = names.map((n) => table.getChild(n));
	const rows: T[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		const row: Record<string, unknown> = {};
		for (let c = 0; c < names.length; c++) {
			const v: unknown = columns[c]?.get(i) ?? null;
			row[names[c]!] = typeof v === 'bigint' ? Number(v) : v;
		}
		rows[i] = row as T;
	}
	return rows;
}
