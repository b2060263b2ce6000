import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { customerOrders } from '$lib/server/customers/customer360';
import { customerIdParam } from '../params';
import type { RequestHandler } from './$types';

const schema = z.object({ limit: z.coerce.number().int().min(1).max(5000).default(200) });

/** GET /api/customer/ID/orders?limit=N: orders newest first (purchases and refunds by order); X-Total-Count. */
export const GET: RequestHandler = async ({ url, params }) => {
	const { limit } = await parseQuery(url, schema);
	const { orders, total } = await customerOrders(await appDb(), customerIdParam(params.id), limit);
	const res = rowsResponse(url, orders);
	res.headers.set('x-total-count', String(total));
	return res;
};
