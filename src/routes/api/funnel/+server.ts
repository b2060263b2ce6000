import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { filtersSchema } from '$lib/server/metrics/filters';
import { journeyFunnel } from '$lib/server/metrics/funnel';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/** GET /api/funnel?from=&to=&...filters: the journey funnel over customers first seen in from/to. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, filtersSchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => journeyFunnel(db, q));
	return rowsResponse(url, rows);
};
