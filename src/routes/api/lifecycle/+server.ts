import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { periodParamsSchema } from '$lib/server/metrics/kpis';
import { lifecyclePeriods, type LifecyclePeriod } from '$lib/server/metrics/lifecycle-period';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

const COLUMNS = [
	'period',
	'period_end',
	'complete',
	'partial',
	'active',
	'new',
	'returning',
	'resurrecting',
	'dormant'
] satisfies (keyof LifecyclePeriod)[];

/** GET /api/lifecycle?period=month&from=&to=&as_of=&...filters: new / returning / resurrecting / dormant per period. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, periodParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => lifecyclePeriods(db, q));
	return rowsResponse(url, rows as unknown as Record<string, unknown>[], COLUMNS);
};
