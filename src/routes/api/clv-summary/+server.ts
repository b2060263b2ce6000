import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { clvSummary } from '$lib/server/metrics/clv-summary';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/clv-summary?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=
 * The filtered base's predicted CLV, mean P(alive) and expected purchases from the latest BG/NBD run; no rows
 * before the first model run.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => clvSummary(db, q, rfmConfigFromOptions(q)));
	return rowsResponse(url, rows);
};
