import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import { previewList } from '$lib/server/lists/preview';
import { parseRule } from '$lib/server/lists/rule';
import type { RequestHandler } from './$types';

/**
 * POST /api/list-preview {rule}: members, share of base, revenue share, mean predicted CLV and a sample of the
 * most valuable members (no names or contact details).
 */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	return userErrors(async () => {
		const rule = parseRule(body.rule);
		return json(await previewList(await appDb(), rule, 20), { headers: { 'cache-control': 'no-store' } });
	});
};
