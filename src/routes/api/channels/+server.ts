import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { channelPeriods } from '$lib/server/metrics/channels';
import { periodParamsSchema } from '$lib/server/metrics/kpis';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/** GET /api/channels?period=month&from=&to=&channel=&...filters: interactions, customers, revenue by channel and type. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, periodParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => channelPeriods(db, q));
	return rowsResponse(url, rows);
};
