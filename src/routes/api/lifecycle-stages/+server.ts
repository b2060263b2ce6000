import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { lifecycleCustomerCounts, type LifecycleStageAnswer } from '$lib/server/metrics/lifecycle-customer';
import { metricQuerySchema } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/lifecycle-stages?as_of=&from=&to=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=
 * Customers, share and net revenue (as `revenue`) per lifecycle stage now, every stage also when empty.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, metricQuerySchema);
	const db = await appDb();
	const { rows } = await perRefresh(url, db, () => lifecycleCustomerCounts(db, q));
	return rowsResponse(
		url,
		rows.map((r): LifecycleStageAnswer => ({ ...r, revenue: r.net_revenue }))
	);
};
