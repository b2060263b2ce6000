import { DuckDBDataChunk, INTEGER, VARCHAR, type DuckDBAppender } from '@duckdb/node-api';

/** Rows per appended chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/**
 * Stands for SQL NULL in staged integer columns (the staging SQL turns it back with NULLIF). Real NULLs
 * would switch node-api's validity mask into a slow per-row BigInt path.
 */
export const NULL_INT = -2147483648;

export type ColumnKind = 'int' | 'text';

/**
 * Buffers rows column by column and hands DuckDB's appender one data chunk of 2,048 rows at a time: far
 * fewer native calls than appending value by value. The chunk is reused from batch to batch.
 */
export class ChunkWriter {
	private readonly ints: Int32Array[];
	private readonly texts: string[][];
	private readonly types;
	private chunk: DuckDBDataChunk | undefined;
	private n = 0;
	rows = 0;

	constructor(
		private readonly appender: DuckDBAppender,
		private readonly kinds: readonly ColumnKind[]
	) {
		this.ints = kinds.map(() => new Int32Array(CHUNK_ROWS));
		this.texts = kinds.map(() => new Array<string>(CHUNK_ROWS).fill(''));
		this.types = kinds.map((k) => (k === 'int' ? INTEGER : VARCHAR));
	}

	/** Sets integer column c of the current row (NULL_INT for NULL). */
	int(c: number, value: number): void {
		this.ints[c]![this.n] = value;
	}

	text(c: number, value: string): void {
		this.texts[c]![this.n] = value;
	}

	/** Ends the current row; appends a chunk when full. */
	endRow(): void {
		this.n++;
		this.rows++;
		if (this.n === CHUNK_ROWS) this.flush();
	}

	/** Appends the buffered rows. */
	flush(): void {
		const n = this.n;
		if (n === 0) return;
		const chunk =
			n === CHUNK_ROWS
				? (this.chunk ??= DuckDBDataChunk.create(this.types, CHUNK_ROWS))
				: DuckDBDataChunk.create(this.types, n);
		this.kinds.forEach((kind, c) => {
			const vector = chunk.getColumnVector(c);
			if (kind === 'int') {
				const values = this.ints[c]!;
				for (let i = 0; i < n; i++) vector.setItem(i, values[i]!);
			} else {
				const values = this.texts[c]!;
				for (let i = 0; i < n; i++) vector.setItem(i, values[i]!);
			}
			vector.flush();
		});
		this.appender.appendDataChunk(chunk);
		this.n = 0;
	}

	close(): void {
		this.flush();
		this.appender.flushSync();
		this.appender.closeSync();
	}
}
