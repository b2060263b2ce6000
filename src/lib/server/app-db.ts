import { Database } from './db';
import { needsRefresh, refreshDerived } from './pipeline';

/**
 * The web server's one database, opened on first use and shared by every request (the pool inside
 * keeps concurrent requests on separate connections). When a derived table is stale at start (a database upgraded
 * to a new schema, or a refresh that was killed), the server refreshes it in the background; until then readers
 * answer those requests inline.
 */
let opening: Promise<Database> | undefined;

export function appDb(): Promise<Database> {
	opening ??= Database.open()
		.then((db) => {
			void refreshWhenStale(db);
			return db;
		})
		.catch((e) => {
			opening = undefined;
			throw e;
		});
	return opening;
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
