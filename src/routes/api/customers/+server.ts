import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { customerListSchema } from '$lib/server/customers/list-params';
import { listCustomers } from '$lib/server/customers/search';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';

/**
 * GET /api/customers?q=&segment=&r=&f=&lifecycle=&cohort=&period=&k=&funnel_step=&sort=&dir=&page=&page_size=&contact=
 * One page of matching customers (contacts masked unless contact=1); the number of matches is in X-Total-Count.
 */
export const GET: RequestHandler = async ({ url }) => {
	const params = await parseQuery(url, customerListSchema);
	const db = await appDb();
	const list = await perRefresh(url, db, () => listCustomers(db, params));
	const res = rowsResponse(url, list.rows);
	res.headers.set('x-total-count', String(list.total));
	return res;
};
