import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { recommendations } from '$lib/server/affinity/recommend';
import { customerIdParam } from '../params';
import type { RequestHandler } from './$types';

/** GET /api/customer/ID/recommendations: the customer's next products, best first (table recommendation). */
export const GET: RequestHandler = async ({ url, params }) =>
	rowsResponse(url, await recommendations(await appDb(), customerIdParam(params.id)));
