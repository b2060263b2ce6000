import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { customerSummaryTotals, metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';

/**
 * GET /api/summary?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=&method=&r_cuts=...
 * One row of totals over the customer summary: customers, orders, net revenue, AOV, repeat rate, recency...
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const totals = await customerSummaryTotals(await appDb(), q, rfmConfigFromOptions(q));
	return rowsResponse(url, [totals]);
};
