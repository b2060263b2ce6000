import { json } from '@sveltejs/kit';
import { appJobs } from '$lib/server/app-ingest';
import { ingestErrors, ingestOptions, jobOptionsSchema, jsonBody } from '$lib/server/ingest/http';
import type { RequestHandler } from './$types';

/**
 * POST /api/ingest/jobs/[id]/start {kind, preset, map: {field: column}, dedupe, refresh}: queues the uploaded file
 * with these choices; follow it with GET /api/ingest/jobs/[id].
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const body = await jsonBody(request);
	return ingestErrors(async () => {
		const options = ingestOptions(jobOptionsSchema.parse(body ?? {}));
		return json((await appJobs()).start(params.id, options), { status: 202 });
	});
};
