import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { segmentSummary } from '$lib/server/metrics/segments';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

const COLUMNS = [
	'segment',
	'name_en',
	'name_vi',
	'priority',
	'customers',
	'share',
	'net_revenue',
	'revenue_share',
	'mean_recency_days',
	'mean_orders',
	'mean_net_revenue',
	'r_min',
	'r_max',
	'f_min',
	'f_max',
	'm_min',
	'm_max',
	'aov',
	'predicted_clv',
	'p_alive'
];

/**
 * GET /api/segments?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=&method=&r_cuts=...
 * Every named RFM segment (in evaluation order, 'others' last) with its customers, revenue and ranges.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => segmentSummary(db, q, rfmConfigFromOptions(q)));
	return rowsResponse(url, rows as unknown as Record<string, unknown>[], COLUMNS);
};
