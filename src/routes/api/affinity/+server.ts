import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { perRefresh } from '$lib/server/derived/cache';
import { affinityParamsSchema } from '$lib/server/affinity/params';
import { affinityPairs } from '$lib/server/affinity/pairs';
import type { RequestHandler } from './$types';

/**
 * GET /api/affinity?level=product|category&segment=all|KEY&min_orders=N&sort=lift|support|confidence|orders|chi_square
 * &limit=N: the stored pair statistics (table affinity_pair); Arrow IPC, or JSON with format=json.
 */
export const GET: RequestHandler = async ({ url }) => {
	const p = await parseQuery(url, affinityParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () =>
		affinityPairs(db, {
			level: p.level,
			segment: p.segment,
			minOrders: p.min_orders,
			sort: p.sort,
			limit: p.limit
		})
	);
	return rowsResponse(url, rows);
};
