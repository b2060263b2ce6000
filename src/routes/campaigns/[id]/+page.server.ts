import { error } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { parseId } from '$lib/server/api/bounds';
import { CampaignNotFound } from '$lib/server/campaigns';
import { cachedCampaignResults } from '$lib/server/campaigns/cached';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const id = parseId(params.id, 'campaign id');
	const db = await appDb();
	try {
		return { ...(await cachedCampaignResults(db, id)), filterFields: [] as never[] };
	} catch (e) {
		if (e instanceof CampaignNotFound) error(404, e.message);
		throw e;
	}
};
