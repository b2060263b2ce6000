import { apiUrl, snapshotParams } from '$lib/api';
import { appDb } from '$lib/server/app-db';
import { isKept } from '$lib/server/derived/cache';
import type { PageServerLoad } from './$types';

/** Whether the server already keeps the distributions of this view (then +page.ts waits for them). */
export const load: PageServerLoad = async ({ url }) => {
	const db = await appDb();
	return { kept: { distributions: await isKept(apiUrl('distributions', snapshotParams(url)), db) } };
};
