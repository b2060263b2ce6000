import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { periodParamsSchema } from '$lib/server/metrics/kpis';
import { lifecyclePeriods } from '$lib/server/metrics/lifecycle-period';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/** GET /api/lifecycle?period=month&from=&to=&as_of=&...filters: new / returning / resurrecting / dormant per period. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, periodParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => lifecyclePeriods(db, q));
	return rowsResponse(url, rows);
};
