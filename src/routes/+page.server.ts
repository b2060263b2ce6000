import { appDb } from '$lib/server/app-db';
import { databaseCounts } from '$lib/server/overview';
import type { PageServerLoad } from './$types';
import { perRefresh } from './api/per-refresh';

export const load: PageServerLoad = async () => {
	const db = await appDb();
	// counts over every interaction (seconds at 10M): kept until the data changes
	return { counts: await perRefresh('page:database-counts', db, () => databaseCounts(db)) };
};
