import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { userErrors } from '$lib/server/lists/http';
import { migrationParamsSchema, segmentMigration } from '$lib/server/metrics/migration';
import type { RequestHandler } from './$types';

/**
 * GET /api/migration?from=YYYY-MM-DD&to=YYYY-MM-DD&dimension=rfm_segment|lifecycle_stage: one row per flow
 * (source, target, customers, revenue_between, revenue_to); Arrow IPC, or JSON with format=json.
 */
export const GET: RequestHandler = async ({ url }) => {
	const p = await parseQuery(url, migrationParamsSchema);
	return userErrors(async () => rowsResponse(url, await segmentMigration(await appDb(), p)));
};
