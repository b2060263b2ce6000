import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { ticketPeriods } from '$lib/server/metrics/channels';
import { periodParamsSchema } from '$lib/server/metrics/kpis';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/** GET /api/tickets?period=month&from=&to=&channel=&...filters: ticket resolution hours (median, p90), open tickets. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, periodParamsSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => ticketPeriods(db, q));
	return rowsResponse(url, rows);
};
