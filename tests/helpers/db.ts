import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { appDb } from '../../src/lib/server/app-db';
import { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/pipeline';

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

/**
 * A database for the app's own connection (appDb(), as the endpoints open it): filled by `fill` on a temporary
 * file, closed, and named by CRM_DB. `release` closes the app's connection and removes the file.
 */
export async function appDbFrom(
	fill: (db: Database) => Promise<unknown>
): Promise<{ path: string; release: () => Promise<void> }> {
	const t = await tempDb();
	await fill(t.db);
	t.db.close();
	process.env.CRM_DB = t.path;
	return {
		path: t.path,
		release: async () => {
			(await appDb()).close();
			rmSync(t.path, { force: true });
			rmSync(`${t.path}.wal`, { force: true });
		}
	};
}

/** appDbFrom with the demo data of `customers` customers (seed 5), refreshed. */
export function demoAppDb(customers: number): ReturnType<typeof appDbFrom> {
	return appDbFrom(async (db) => {
		await generateDemo(db, { customers, seed: 5 });
		await refreshDerived(db);
	});
}
