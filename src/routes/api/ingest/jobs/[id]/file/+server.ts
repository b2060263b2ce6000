import { error, json } from '@sveltejs/kit';
import { appJobs } from '$lib/server/app-ingest';
import { ingestErrors } from '$lib/server/ingest/http';
import { appendPiece } from '$lib/server/ingest/uploads';
import type { RequestHandler } from './$types';

/** Uploads receiving a piece right now: two pieces of one file at once would race for the same offset. */
const receiving = new Set<string>();

/**
 * PUT /api/ingest/jobs/[id]/file?offset=N, body: the next piece of the file (application/octet-stream, at most the
 * piece size POST answered). Streamed to the end of the file; answers the job (bytes received, 'uploaded' after the
 * last piece). A piece for another offset is a 409 with `received`, to resume from.
 */
export const PUT: RequestHandler = ({ params, url, request }) =>
	ingestErrors(async () => {
		const offset = Number(url.searchParams.get('offset'));
		if (!Number.isSafeInteger(offset) || offset < 0) error(400, 'offset must be a whole number of bytes');
		const jobs = await appJobs();
		const file = jobs.uploadTarget(params.id); // 404 for an unknown job
		const total = jobs.get(params.id)?.bytes?.total;
		if (!file || total === undefined) error(409, `job ${params.id} is not waiting for its file`);
		if (receiving.has(params.id))
			error(409, 'another piece of this file is being received; send one at a time');
		receiving.add(params.id);
		try {
			const received = await appendPiece(file, offset, total, request.body);
			return json(jobs.received(params.id, received));
		} finally {
			receiving.delete(params.id);
		}
	});
