import { json } from '@sveltejs/kit';
import { appJobs } from '$lib/server/app-ingest';
import { ingestErrors } from '$lib/server/ingest/http';
import { JobNotFound } from '$lib/server/ingest/jobs';
import type { RequestHandler } from './$types';

/** GET /api/ingest/jobs/[id]: where the job is (phase, bytes, percent, rows, elapsed_ms) and its report once done. */
export const GET: RequestHandler = ({ params }) =>
	ingestErrors(async () => {
		const job = (await appJobs()).get(params.id);
		if (!job) throw new JobNotFound(params.id);
		return json(job, { headers: { 'cache-control': 'no-store' } });
	});

/** DELETE /api/ingest/jobs/[id]: drops a job that has not started, and its uploaded file. */
export const DELETE: RequestHandler = ({ params }) =>
	ingestErrors(async () => {
		(await appJobs()).discard(params.id);
		return new Response(null, { status: 204 });
	});
