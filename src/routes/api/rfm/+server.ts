import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { rfmCustomers } from '$lib/server/metrics/rfm';
import { metricQuerySchema, rfmConfigFromOptions } from '$lib/server/metrics/summary';
import type { RequestHandler } from './$types';

const schema = metricQuerySchema.and(
	z.object({
		limit: z.coerce.number().int().min(1).max(10_000).default(1_000),
		offset: z.coerce.number().int().min(0).default(0)
	})
);

/**
 * GET /api/rfm?as_of=&...filters...&method=&r_cuts=&f_cuts=&m_cuts=&limit=1000&offset=0
 * One page of per-customer RFM values, scores and segment (customers with a purchase, by customer id); the
 * as-of date used is in the X-As-Of header.
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, schema);
	const out = await rfmCustomers(
		await appDb(),
		q,
		{ limit: q.limit, offset: q.offset },
		rfmConfigFromOptions(q)
	);
	const res = rowsResponse(url, out.rows);
	res.headers.set('x-as-of', out.as_of);
	return res;
};
