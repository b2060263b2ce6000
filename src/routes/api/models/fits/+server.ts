import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { fitParameterRows, latestModelFits } from '$lib/server/customers/model-fits';
import type { RequestHandler } from './$types';

/**
 * GET /api/models/fits: the latest fit of each model, one row per parameter (param, estimate, std_error) with the
 * fit's status, convergence, likelihood, size and dates repeated; a fit without parameters (ineligible, failed) is
 * one row with param NULL, so that its status and message still show.
 */
export const GET: RequestHandler = async ({ url }) => {
	const fits = await latestModelFits(await appDb());
	return rowsResponse(url, fitParameterRows(fits));
};
