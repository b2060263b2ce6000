import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { customerListSchema } from '$lib/server/customers/list-params';
import { listCustomers } from '$lib/server/customers/search';
import type { RequestHandler } from './$types';
import { perRefresh } from '$lib/server/derived/cache';
import { personalRows } from '$lib/server/auth/personal';

/**
 * GET /api/customers?q=&segment=&r=&f=&lifecycle=&cohort=&period=&k=&funnel_step=&sort=&dir=&page=&page_size=&contact=
 * One page of matching customers (contacts masked unless contact=1; for an analyst also then, unless &reveal=1,
 * audited: auth/personal.ts); the number of matches is in X-Total-Count.
 */
export const GET: RequestHandler = async (event) => {
	const { url } = event;
	const params = await parseQuery(url, customerListSchema);
	const db = await appDb();
	const list = await perRefresh(url, db, () => listCustomers(db, params));
	const shown = params.contact ? await personalRows(event, list.rows, 'customers list') : list.rows;
	const res = rowsResponse(url, shown);
	res.headers.set('x-total-count', String(list.total));
	return res;
};
