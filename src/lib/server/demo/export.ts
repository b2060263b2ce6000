import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../db';

export type ExportFormat = 'csv' | 'parquet';

/**
 * Writes customers and interactions of `db` to DIR/customers.<ext> and DIR/interactions.<ext> with DuckDB's
 * COPY, in the column layout of a real export (attributes flattened; no source_file / ingest bookkeeping).
 * Returns the files written.
 */
export async function exportDemo(db: Database, dir: string, format: ExportFormat): Promise<string[]> {
	const out = resolve(dir);
	mkdirSync(out, { recursive: true });
	const files: string[] = [];
	for (const table of ['customers', 'interactions'] as const) {
		const path = join(out, `${table}.${format}`);
		await db.query(`demo/export_${table}_${format}`, { path });
		files.push(path);
	}
	return files;
}
