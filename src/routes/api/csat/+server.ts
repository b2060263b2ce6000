import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { csatByChannel } from '$lib/server/metrics/channels';
import { filtersSchema } from '$lib/server/metrics/filters';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/** GET /api/csat?from=&to=&channel=&...filters: CSAT mean and 1..5 distribution by channel, plus 'all'. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, filtersSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => csatByChannel(db, q));
	return rowsResponse(url, rows);
};
