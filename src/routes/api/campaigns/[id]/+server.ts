import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseId } from '$lib/server/api/bounds';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { CampaignNotFound } from '$lib/server/campaigns';
import { error } from '@sveltejs/kit';
import { cachedCampaignResults } from '$lib/server/campaigns/cached';
import type { RequestHandler } from './$types';

const querySchema = z.object({ part: z.enum(['lift', 'groups', 'daily']).default('lift') });

/**
 * GET /api/campaigns/ID?part=lift|groups|daily: a campaign's results over its response window: the lift with its
 * 95% intervals (one row), the two groups' figures, or cumulative conversion by day of the window.
 */
export const GET: RequestHandler = async ({ url, params }) => {
	const id = parseId(params.id, 'campaign id');
	const { part } = await parseQuery(url, querySchema);
	try {
		const r = await cachedCampaignResults(await appDb(), id);
		if (part === 'groups') return rowsResponse(url, r.groups);
		if (part === 'daily') return rowsResponse(url, r.daily);
		return rowsResponse(url, [r.lift]);
	} catch (e) {
		if (e instanceof CampaignNotFound) error(404, e.message);
		throw e;
	}
};
