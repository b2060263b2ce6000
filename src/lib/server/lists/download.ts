import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from '../db';
import {
	exportList,
	type ExportedBy,
	type ExportFormat,
	type ExportOptions,
	type ExportResult
} from './export';
import type { Rule } from './rule';

/**
 * Exports requested from the web UI: written by the server into the folder `exports/` beside the database file
 * (never a path from the request), then downloaded by export id.
 */
export function exportsDir(db: Database): string {
	return join(db.path === ':memory:' ? process.cwd() : dirname(db.path), 'exports');
}

export async function exportForDownload(
	db: Database,
	input: { rule: Rule; listName?: string | null } & ExportOptions & ExportedBy
): Promise<ExportResult> {
	const dir = exportsDir(db);
	mkdirSync(dir, { recursive: true });
	const format: ExportFormat = input.format ?? 'csv';
	const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
	const file = join(dir, `list-${stamp}-${Math.random().toString(36).slice(2, 8)}.${format}`);
	return exportList(db, { ...input, format, file });
}

/** Where an export's file is, by its download key (only files the server wrote in its exports folder). */
export async function exportFile(
	db: Database,
	downloadKey: string
): Promise<{
	exportId: number;
	file: string;
	format: ExportFormat;
	listName: string | null;
	createdRole: string | null;
} | null> {
	const rows = await db.sql<{
		export_id: number;
		file: string;
		format: ExportFormat;
		segment_name: string | null;
		created_role: string | null;
	}>(
		`SELECT export_id, file, format, segment_name, created_role FROM segment_exports
		 WHERE download_key = $key::VARCHAR`,
		{ key: downloadKey }
	);
	const r = rows[0];
	if (!r || dirname(r.file) !== exportsDir(db)) return null;
	return {
		exportId: r.export_id,
		file: r.file,
		format: r.format,
		listName: r.segment_name,
		createdRole: r.created_role
	};
}
