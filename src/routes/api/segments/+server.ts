import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { segmentSummary } from '$lib/server/metrics/segments';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/segments?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=&method=&r_cuts=...
 * Every named RFM segment (in evaluation order, 'others' last) with its customers, revenue and ranges.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => segmentSummary(db, q, rfmConfigFromOptions(q)));
	return rowsResponse(url, rows);
};
