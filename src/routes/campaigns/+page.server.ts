import { appDb } from '$lib/server/app-db';
import { CAMPAIGN_CHANNELS, listCampaigns } from '$lib/server/campaigns';
import { savedLists } from '$lib/server/lists/saved';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await appDb();
	const lists = await savedLists(db);
	return {
		campaigns: await listCampaigns(db),
		lists: lists.map((l) => l.name),
		channels: CAMPAIGN_CHANNELS,
		filterFields: [] as never[]
	};
};
