import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';

/**
 * Raw access to a result chunk's vectors (DuckDB's own memory, through @duckdb/node-bindings pinned with node-api), for
 * readers of large results where per-value conversion would cost more than the query: the model summary
 * (models/summary.ts) and the column reader of the metrics (metrics/columnar.ts). Copy what you keep: the memory is
 * freed with the chunk.
 */

/** Column j of a chunk: its data bytes (rowCount x bytesPerRow) and validity mask (null: no NULLs in this chunk). */
export function vectorData(
	chunk: DuckDBDataChunk,
	j: number,
	bytesPerRow: number
): { data: Uint8Array; valid: Uint8Array | null } {
	const n = chunk.rowCount;
	const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
	const data = duckdb.vector_get_data(vector, n * bytesPerRow);
	const valid = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
	return { data, valid };
}

/**
 * Column j of a chunk as a Float64Array view of the vector (no per-value conversion). The column must be DOUBLE with
 * no NULLs (a NULL's slot holds an undefined value).
 */
export function doubleVector(chunk: DuckDBDataChunk, j: number): Float64Array {
	const { data } = vectorData(chunk, j, Float64Array.BYTES_PER_ELEMENT);
	return new Float64Array(data.buffer, data.byteOffset, chunk.rowCount);
}
