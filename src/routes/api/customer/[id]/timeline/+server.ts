import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { customerTimeline } from '$lib/server/customers/customer360';
import { customerIdParam } from '../params';
import type { RequestHandler } from './$types';

const schema = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(500) });

/** GET /api/customer/ID/timeline?limit=N: the newest N interactions; all of them are counted in X-Total-Count. */
export const GET: RequestHandler = async ({ url, params }) => {
	const { limit } = await parseQuery(url, schema);
	const { events, total } = await customerTimeline(await appDb(), customerIdParam(params.id), limit);
	const res = rowsResponse(url, events);
	res.headers.set('x-total-count', String(total));
	return res;
};
