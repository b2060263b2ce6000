import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { dimensionValues, dimensionsQuerySchema } from '$lib/server/metrics/dimensions';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/dimensions?dimension=region|country|channel|acquisition_channel: the filter bar's choices with their
 * customer counts, most customers first.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, dimensionsQuerySchema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => dimensionValues(db, q));
	return rowsResponse(url, rows);
};
