import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { parseQuery } from '$lib/server/api/respond';
import { pairParamsSchema } from '$lib/server/affinity/params';
import { boughtANotBRule, pairCustomers } from '$lib/server/affinity/pair-rule';
import type { RequestHandler } from './$types';

/**
 * GET /api/affinity/customers?level=&a=&b=: how many customers bought a and not b (and both), with the list rule that
 * selects them (POST it to /api/lists to save the list).
 */
export const GET: RequestHandler = async ({ url }) => {
	const p = await parseQuery(url, pairParamsSchema);
	const counts = await pairCustomers(await appDb(), p.level, p.a, p.b);
	return json({ ...counts, rule: boughtANotBRule(p.level, p.a, p.b) });
};
