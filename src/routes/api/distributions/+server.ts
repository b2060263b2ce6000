import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { metricDistributions } from '$lib/server/metrics/distributions';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/distributions?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=&method=...
 * Histogram bins of recency, frequency, monetary, predicted CLV and P(alive), binned on the server.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => metricDistributions(db, q, rfmConfigFromOptions(q)));
	return rowsResponse(url, rows);
};
