import { Database, withoutStatementBudget } from './db';
import { needsRefresh, refreshDerived } from './pipeline';

/**
 * The web server's one database, opened on first use and shared by every request (the pool inside
 * keeps concurrent requests on separate connections). When a derived table is stale at start (a database upgraded
 * to a new schema, or a refresh that was killed), the server refreshes it in the background; until then readers
 * answer those requests inline.
 */
let opening: Promise<Database> | undefined;

export function appDb(): Promise<Database> {
	opening ??= Database.open(serverLimits())
		.then((db) => {
			withoutStatementBudget(() => void refreshWhenStale(db));
			return db;
		})
		.catch((e) => {
			opening = undefined;
			throw e;
		});
	return opening;
}

/**
 * The engine's share of the machine, so that no request can take it all: DuckDB's memory_limit (CRM_MEMORY_LIMIT,
 * default 1GB; a query over it fails with DuckDB's out-of-memory error instead of growing the process) and threads
 * (CRM_THREADS, default 2).
 */
export function serverLimits(): { memoryLimit: string; threads: number } {
	const threads = Number(process.env.CRM_THREADS);
	return {
		memoryLimit: process.env.CRM_MEMORY_LIMIT || '1GB',
		threads: Number.isInteger(threads) && threads > 0 ? threads : 2
	};
}

async function refreshWhenStale(db: Database): Promise<void> {
	try {
		if (!(await needsRefresh(db))) return;
		console.log('derived tables are stale: refreshing in the background ...');
		const steps = await refreshDerived(db);
		const built = steps.filter((s) => !s.skipped);
		console.log(`refreshed ${built.map((s) => `${s.name} ${s.ms} ms`).join(', ') || 'nothing'}`);
	} catch (e) {
		console.error(`background refresh failed: ${e instanceof Error ? e.message : e}`);
	}
}
