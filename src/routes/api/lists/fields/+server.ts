import { json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { fieldCatalog } from '$lib/server/lists/catalog';
import type { RequestHandler } from './$types';

/** GET /api/lists/fields: the fields a list rule can use, their operators and the values seen in the data. */
export const GET: RequestHandler = async () => {
	return json(await fieldCatalog(await appDb()), { headers: { 'cache-control': 'no-store' } });
};
