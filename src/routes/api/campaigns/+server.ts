import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { checkDates } from '$lib/server/api/bounds';
import { rowsResponse } from '$lib/server/api/respond';
import {
	CampaignExists,
	campaignInputSchema,
	createCampaign,
	launchCampaign,
	listCampaigns
} from '$lib/server/campaigns';
import { issueText } from '$lib/server/issues';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import type { RequestHandler } from './$types';

/** GET /api/campaigns: every campaign (newest send date first) with its group sizes; no personal data. */
export const GET: RequestHandler = async ({ url }) => rowsResponse(url, await listCampaigns(await appDb()));

/**
 * POST /api/campaigns {name, list, channel, sendDate, windowDays?, holdoutShare?, seed?, launch?}: creates a
 * campaign from a saved list and, with launch: true, launches it (freezes its members and draws the control group).
 */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	const input = campaignInputSchema.safeParse(body);
	if (!input.success) error(400, issueText(input.error));
	if (body.launch !== undefined && typeof body.launch !== 'boolean')
		error(400, 'launch: expected true or false');
	const db = await appDb();
	await checkDates(db, { sendDate: input.data.sendDate });
	return userErrors(async () => {
		try {
			const created = await createCampaign(db, input.data);
			return json(body.launch === true ? await launchCampaign(db, created.campaignId) : created);
		} catch (e) {
			if (e instanceof CampaignExists) error(409, e.message);
			throw e;
		}
	});
};
