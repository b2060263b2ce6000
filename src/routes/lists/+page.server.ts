import { appDb } from '$lib/server/app-db';
import { listsOverview } from '$lib/server/lists/overview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	...(await listsOverview(await appDb())),
	filterFields: [] as never[]
});
