import { appDb } from '$lib/server/app-db';
import { appJobs } from '$lib/server/app-ingest';
import { FINISHED } from '$lib/server/ingest/jobs';
import { presets } from '$lib/server/ingest/presets';
import { ingestHistory } from '$lib/server/ingest/rejected';
import { uploadLimitBytes } from '$lib/server/ingest/uploads';
import { databaseCounts } from '$lib/server/overview';
import { perRefresh } from '$lib/server/derived/cache';
import type { PageServerLoad } from './$types';

/** The Data page: past ingests, what the database holds, the jobs loading now, the upload limit. */
export const load: PageServerLoad = async ({ depends }) => {
	depends('app:ingests');
	const db = await appDb();
	const [history, counts, jobs] = await Promise.all([
		ingestHistory(db, 100),
		perRefresh('page:database-counts', db, () => databaseCounts(db)),
		appJobs()
	]);
	return {
		history,
		counts,
		active: jobs
			.list()
			.filter((j) => !FINISHED.includes(j.phase) && j.phase !== 'uploading' && j.phase !== 'uploaded'),
		presets: Object.keys(presets),
		limitBytes: uploadLimitBytes(),
		filterFields: [] as never[]
	};
};
