import { appDb } from '$lib/server/app-db';
import { listsOverview } from '$lib/server/segments/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	...(await listsOverview(await appDb())),
	filterFields: [] as never[]
});
