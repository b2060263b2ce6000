import { appDb } from '$lib/server/app-db';
import { MAX_COHORT_PERIODS } from '$lib/server/api/bounds';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { cohortParamsSchema, cohortRetention } from '$lib/server/metrics/cohorts';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/cohorts?period=month&mode=on|on-or-after|revenue&breakdown=acquisition_channel|region|first_order_channel
 *   &from=&to=&as_of=&...filters. The retention grid plus weighted-average rows (cohort NULL, is_average true).
 */
export const GET: RequestHandler = async ({ url }) => {
	// a grid is a triangle of periods: a smaller cap than a series (bounds.ts MAX_COHORT_PERIODS)
	const q = await parseQuery(url, cohortParamsSchema, { maxPeriods: MAX_COHORT_PERIODS });
	const db = await appDb();
	const rows = await perRefresh(url, db, () => cohortRetention(db, q));
	return rowsResponse(url, rows);
};
