import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Database } from '../../src/lib/server/db';

export const tmpRoot = join(process.cwd(), 'tests', '.tmp');

/** A fresh database file in tests/.tmp, removed by the returned cleanup. */
export async function tempDb(): Promise<{ db: Database; path: string; cleanup: () => void }> {
	mkdirSync(tmpRoot, { recursive: true });
	const path = join(tmpRoot, `${randomUUID()}.duckdb`);
	const db = await Database.open({ path });
	return {
		db,
		path,
		cleanup: () => {
			db.close();
			rmSync(path, { force: true });
			rmSync(`${path}.wal`, { force: true });
		}
	};
}

/** Where ../shared/datasets is, or undefined when this checkout has no ../shared beside it. */
export function sharedDatasets(): string | undefined {
	const dir = process.env.CRM_SHARED_DATASETS ?? join(process.cwd(), '..', 'shared', 'datasets');
	return existsSync(dir) ? dir : undefined;
}
