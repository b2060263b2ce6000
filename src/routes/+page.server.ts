import { apiUrl } from '$lib/api';
import { appDb } from '$lib/server/app-db';
import { databaseCounts } from '$lib/server/overview';
import type { PageServerLoad } from './$types';
import { _streamParams } from './+page';
import { isKept, perRefresh } from '$lib/server/derived/cache';

export const load: PageServerLoad = async ({ url }) => {
	const db = await appDb();
	const streams = _streamParams(url);
	const [counts, clv, mix] = await Promise.all([
		// counts over every interaction (seconds at 10M): kept until the data changes
		perRefresh('page:database-counts', db, () => databaseCounts(db)),
		isKept(apiUrl('clv-summary', streams.clv), db),
		isKept(apiUrl('segment-mix', streams.mix), db)
	]);
	return { counts, kept: { clv, mix } };
};
