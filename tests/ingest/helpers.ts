import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/lib/server/db';
import { tmpRoot } from '../helpers/db';

export const malformedDir = join(process.cwd(), 'tests', 'fixtures', 'malformed');
export const ingestFixtures = join(process.cwd(), 'tests', 'fixtures', 'ingest');

const created: string[] = [];

/** Writes text (or bytes) to a fresh file in tests/.tmp and returns its path; removeTempFiles() deletes them. */
export function tempFile(name: string, content: string | Buffer): string {
	const dir = join(tmpRoot, `ingest-${randomUUID()}`);
	mkdirSync(dir, { recursive: true });
	created.push(dir);
	const path = join(dir, name);
	writeFileSync(path, content);
	return path;
}

export interface TableCounts {
	interactions: number;
	quarantine: number;
	ingests: number;
	customers: number;
}

/** Row counts of the tables an ingest writes: to prove a failed ingest wrote nothing. */
export async function tableCounts(db: Database): Promise<TableCounts> {
	const rows = await db.sql<TableCounts>(
		`SELECT (SELECT count(*) FROM interactions) AS interactions, (SELECT count(*) FROM quarantine) AS quarantine,
		 (SELECT count(*) FROM ingests) AS ingests, (SELECT count(*) FROM customers) AS customers`
	);
	return rows[0]!;
}

/** A fixed "now" so that the future-date rule does not depend on the day the tests run. */
export const NOW = new Date('2025-06-01T00:00:00Z');

export function removeTempFiles(): void {
	for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
