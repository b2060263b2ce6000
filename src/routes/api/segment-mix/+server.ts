import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { filtersSchema } from '$lib/server/metrics/filters';
import { MIX_GRAINS, segmentMixTrend } from '$lib/server/overview';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

const schema = filtersSchema
	.pick({ region: true, country: true, acquisition_channel: true, segment: true, lifecycle: true })
	.extend({
		grain: z.enum(MIX_GRAINS).default('quarter'),
		points: z.coerce.number().int().min(2).max(24).default(8)
	});

/**
 * GET /api/segment-mix?grain=month|quarter|year&points=8&region=&country=&acquisition_channel=&segment=&lifecycle=
 * The customer mix by RFM segment and by lifecycle stage at the latest as-of date and the period starts before it:
 * one row per (as_of, kind, key) with customers and share. Slow to compute at 1M customers (each earlier date
 * scores every customer again), so the answer is kept until the data changes.
 */
export const GET: RequestHandler = async ({ url }) => {
	const { grain, points, ...filters } = await parseQuery(url, schema);
	const db = await appDb();
	const rows = await perRefresh(url, db, () => segmentMixTrend(db, filters, grain, points));
	return rowsResponse(url, rows);
};
