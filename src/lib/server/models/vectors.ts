import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';

/**
 * Column `j` of a result chunk as a Float64Array view of DuckDB's own vector memory (no per-value conversion).
 * The column must be DOUBLE with no NULLs (a NULL's slot holds an undefined value); copy the view before the
 * chunk is released.
 */
export function doubleVector(chunk: DuckDBDataChunk, j: number): Float64Array {
	const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
	const bytes = duckdb.vector_get_data(vector, chunk.rowCount * Float64Array.BYTES_PER_ELEMENT);
	return new Float64Array(bytes.buffer, bytes.byteOffset, chunk.rowCount);
}
