import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { rfmGrid } from '$lib/server/metrics/rfm';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/rfm-grid?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=&method=&r_cuts=...
 * The 25 recency x frequency cells: customers, net revenue, mean M score, share.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => rfmGrid(db, q, rfmConfigFromOptions(q)));
	return rowsResponse(url, rows);
};
