import {
	Bool,
	Field,
	Float64,
	Int64,
	Schema,
	Table,
	Utf8,
	makeVector,
	tableToIPC,
	vectorFromArray
} from 'apache-arrow';
import type { DataType } from 'apache-arrow';

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

type Column = { name: string; type: DataType };

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

/**
 * Rows of plain values as an Arrow table: numbers become Float64, booleans Bool, everything else Utf8 (dates as
 * ISO strings, lists and objects as JSON). `columns` fixes the column order and names even when there are no rows.
 */
export function rowsToArrowTable(rows: Record<string, unknown>[], columns?: string[]): Table {
	const names = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
	const fields: Column[] = [];
	const vectors: Record<string, ReturnType<typeof makeVector>> = {};
	for (const name of names) {
		const values = rows.map((r) => normalise(r[name]));
		const type = inferType(values);
		fields.push({ name, type });
		vectors[name] = vectorFromArray(values, type as never) as ReturnType<typeof makeVector>;
	}
	if (rows.length === 0) {
		return new Table(new Schema(fields.map((f) => new Field(f.name, f.type, true))));
	}
	return new Table(vectors);
}

export function rowsToArrowIPC(rows: Record<string, unknown>[], columns?: string[]): Uint8Array {
	return tableToIPC(rowsToArrowTable(rows, columns), 'stream');
}
