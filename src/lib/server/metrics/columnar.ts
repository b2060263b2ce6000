import { DuckDBTypeId, type DuckDBDataChunk } from '@duckdb/node-api';
import { usedParams, type Session } from '../db';
import { vectorData } from '../db/vectors';

/**
 * Reading a result of many thousand rows column by column, straight from each chunk's vectors: with the generic row
 * reader (Session.sql) the per-value conversion costs more than the query (e.g. 21k cohort cells: ~40 ms of query,
 * ~180 ms of conversion). Values are the same as Session.sql gives: numbers (BIGINT as a number when exact),
 * strings, booleans, null.
 */

/** Column types accepted (cast others in the SQL). */
const SCALAR = new Set<DuckDBTypeId>([
	DuckDBTypeId.BOOLEAN,
	DuckDBTypeId.TINYINT,
	DuckDBTypeId.SMALLINT,
	DuckDBTypeId.INTEGER,
	DuckDBTypeId.BIGINT,
	DuckDBTypeId.UTINYINT,
	DuckDBTypeId.USMALLINT,
	DuckDBTypeId.UINTEGER,
	DuckDBTypeId.FLOAT,
	DuckDBTypeId.DOUBLE,
	DuckDBTypeId.VARCHAR
]);

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
const MIN = BigInt(Number.MIN_SAFE_INTEGER);
const TWO32 = 4294967296;

const isNull = (valid: Uint8Array | null, i: number): boolean =>
	valid !== null && ((valid[i >> 3]! >> (i & 7)) & 1) === 0;

/** A DOUBLE column of the whole result: the values (unboxed) and, when it has any, which rows are NULL. */
export interface Doubles {
	values: Float64Array;
	nulls: Uint8Array | null;
}

/** One DOUBLE column of one chunk into col at `base` (copied: the vector is freed with the chunk). */
function readDoubles(chunk: DuckDBDataChunk, j: number, col: Doubles, base: number): void {
	const n = chunk.rowCount;
	const { data, valid } = vectorData(chunk, j, 8);
	col.values.set(new Float64Array(data.buffer, data.byteOffset, n), base);
	if (valid) {
		for (let i = 0; i < n; i++) {
			if (isNull(valid, i)) (col.nulls ??= new Uint8Array(col.values.length))[base + i] = 1;
		}
	}
}

/**
 * Strings of at most 12 bytes (kept inline in their header: length, then the bytes zero-padded), by their three data
 * words: a repeated short value (a date) is decoded once per result.
 */
class ShortStrings {
	private readonly byFirst = new Map<number, Map<number, Map<number, string>>>();

	get(len: number, w1: number, w2: number, w3: number, decode: () => string): string {
		const k1 = len * 4294967296 + w1;
		let m2 = this.byFirst.get(k1);
		if (!m2) this.byFirst.set(k1, (m2 = new Map()));
		let m3 = m2.get(w2);
		if (!m3) m2.set(w2, (m3 = new Map()));
		let v = m3.get(w3);
		if (v === undefined) m3.set(w3, (v = decode()));
		return v;
	}
}

/** One column (not DOUBLE) of one chunk into out[base..]. */
function readColumn(
	chunk: DuckDBDataChunk,
	j: number,
	type: DuckDBTypeId,
	out: unknown[],
	base: number,
	short: ShortStrings
): void {
	const n = chunk.rowCount;
	if (type === DuckDBTypeId.BIGINT) {
		// Two 32-bit halves (little-endian): exact as a number while the high half is within +-2^21; else a bigint.
		const { data, valid } = vectorData(chunk, j, 8);
		const lo = new Uint32Array(data.buffer, data.byteOffset, n * 2);
		const hi = new Int32Array(data.buffer, data.byteOffset, n * 2);
		for (let i = 0; i < n; i++) {
			if (isNull(valid, i)) {
				out[base + i] = null;
				continue;
			}
			const h = hi[2 * i + 1]!;
			if (h > -2097152 && h < 2097152) {
				out[base + i] = h * TWO32 + lo[2 * i]!;
			} else {
				const v = chunk.getColumnVector(j).getItem(i) as bigint;
				out[base + i] = v <= MAX && v >= MIN ? Number(v) : v;
			}
		}
		return;
	}
	if (type === DuckDBTypeId.VARCHAR) {
		// DuckDB's 16-byte string headers (length, then the inline bytes or a prefix and a pointer): two equal headers
		// are the same string, so a run of one value (a breakdown, a cohort) is decoded once.
		const { data, valid } = vectorData(chunk, j, 16);
		const words = new Uint32Array(data.buffer, data.byteOffset, n * 4);
		const vector = chunk.getColumnVector(j);
		let prev: string | null = null;
		for (let i = 0; i < n; i++) {
			if (isNull(valid, i)) {
				out[base + i] = null;
				prev = null;
				continue;
			}
			const w = i * 4;
			const same: boolean =
				prev !== null &&
				words[w] === words[w - 4] &&
				words[w + 1] === words[w - 3] &&
				words[w + 2] === words[w - 2] &&
				words[w + 3] === words[w - 1];
			const len = words[w]!;
			const v: string = same
				? prev!
				: len <= 12
					? short.get(len, words[w + 1]!, words[w + 2]!, words[w + 3]!, () => vector.getItem(i) as string)
					: (vector.getItem(i) as string);
			out[base + i] = v;
			prev = v;
		}
		return;
	}
	const vector = chunk.getColumnVector(j);
	for (let i = 0; i < n; i++) out[base + i] = vector.getItem(i);
}

/**
 * A result column: DOUBLE columns as Doubles (read values[i] straight into a row: no boxing in between), every other
 * type as an array of values.
 */
export type Column = Doubles | unknown[];

/** The value of row i of a column (null for NULL). */
export function cell(col: Column, i: number): unknown {
	if (Array.isArray(col)) return col[i];
	return col.nulls?.[i] ? null : col.values[i];
}

/**
 * Runs SQL of ours (bound parameters: the named ones it uses) and returns each result column, by name. Only scalar
 * columns (booleans, integers up to BIGINT, FLOAT/DOUBLE, VARCHAR) are accepted.
 */
export async function readColumns(
	s: Session,
	sql: string,
	params: Record<string, unknown>
): Promise<{ names: string[]; rowCount: number; columns: Record<string, Column> }> {
	const result = await s.connection.run(sql, usedParams(sql, params) as never);
	const names = result.columnNames();
	const types = names.map((name, j) => {
		const type = result.columnTypeId(j);
		if (!SCALAR.has(type)) {
			throw new Error(
				`readColumns: column '${name}' is ${DuckDBTypeId[type]}; cast it to a scalar type in the SQL`
			);
		}
		return type;
	});
	// Every chunk first, so that each column is allocated once at its final size.
	const chunks: DuckDBDataChunk[] = [];
	let rowCount = 0;
	for (;;) {
		const chunk = await result.fetchChunk();
		if (!chunk || chunk.rowCount === 0) break;
		chunks.push(chunk);
		rowCount += chunk.rowCount;
	}
	const short = new ShortStrings();
	const columns: Record<string, Column> = {};
	names.forEach((name, j) => {
		let base = 0;
		if (types[j] === DuckDBTypeId.DOUBLE) {
			const col: Doubles = { values: new Float64Array(rowCount), nulls: null };
			for (const chunk of chunks) {
				readDoubles(chunk, j, col, base);
				base += chunk.rowCount;
			}
			columns[name] = col;
		} else {
			const col = new Array<unknown>(rowCount);
			for (const chunk of chunks) {
				readColumn(chunk, j, types[j]!, col, base, short);
				base += chunk.rowCount;
			}
			columns[name] = col;
		}
	});
	return { names, rowCount, columns };
}
