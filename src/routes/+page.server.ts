import { appDb } from '$lib/server/app-db';
import { databaseCounts } from '$lib/server/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await appDb();
	return { counts: await databaseCounts(db) };
};
