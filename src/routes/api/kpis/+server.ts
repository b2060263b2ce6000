import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { kpis, periodParamsSchema } from '$lib/server/metrics/kpis';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/kpis?period=day|week|month|quarter|year&from=&to=&as_of=&region=&country=&channel=&acquisition_channel=&segment=&lifecycle=
 * One row per (period, metric) with the change against the previous period and the same period a year earlier.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, periodParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => kpis(db, q));
	return rowsResponse(url, rows);
};
