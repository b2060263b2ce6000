import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { perRefresh } from '$lib/server/derived/cache';
import { purchaseModelSelection } from '$lib/server/models/selection';
import type { RequestHandler } from './$types';

/**
 * GET /api/models/selection: the purchase model choice of the latest models refresh (model_selection, migration 017),
 * one row per purchase model, the one in use first: rank and holdout error, how it was chosen (criterion, mode) and
 * why each model is or is not in use.
 */
export const GET: RequestHandler = async ({ url }) => {
	const db = await appDb();
	return rowsResponse(url, await perRefresh('model-selection', db, () => purchaseModelSelection(db)));
};
