import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { customerPredictions } from '$lib/server/customers/customer360';
import { customerIdParam } from '../params';
import type { RequestHandler } from './$types';

/** GET /api/customer/ID/predictions: one row per model at its latest as-of date (P(alive), churn band, CLV, ...). */
export const GET: RequestHandler = async ({ url, params }) => {
	const rows = await customerPredictions(await appDb(), customerIdParam(params.id));
	return rowsResponse(url, rows);
};
