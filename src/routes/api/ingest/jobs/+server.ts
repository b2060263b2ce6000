import { error, json } from '@sveltejs/kit';
import { appJobs, appUploadsDir, serverToken } from '$lib/server/app-ingest';
import { isLoopbackAddress, tokenMatches } from '$lib/server/db/server-file';
import {
	ingestErrors,
	ingestOptions,
	jobOptionsSchema,
	jsonBody,
	pathJobSchema,
	uploadSchema
} from '$lib/server/ingest/http';
import {
	UPLOAD_CHUNK_BYTES,
	createUploadFile,
	removeUploadFile,
	uploadLimitBytes
} from '$lib/server/ingest/uploads';
import type { RequestHandler } from './$types';

/** GET /api/ingest/jobs: the jobs the server keeps (running, queued, waiting for their file, recently finished). */
export const GET: RequestHandler = async () =>
	json((await appJobs()).list(), { headers: { 'cache-control': 'no-store' } });

/**
 * POST /api/ingest/jobs
 * - {upload: {name, size}} (the Data page): a job whose file is then sent in pieces to PUT .../[id]/file; answers
 *   the job, the piece size and the size limit. A file over the limit (CRM_UPLOAD_LIMIT_MB, default 4 GiB) is a 413.
 * - {path, options} with `Authorization: Bearer <token of <db>.server.json>`, from this machine only (`crm ingest`
 *   while the server runs): queues the file at that path.
 */
export const POST: RequestHandler = async ({ request, getClientAddress }) => {
	const body = await jsonBody(request);
	return ingestErrors(async () => {
		const jobs = await appJobs();
		if (body && typeof body === 'object' && 'path' in body) {
			const auth = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
			const token = serverToken();
			if (!isLoopbackAddress(getClientAddress()) || !token || !tokenMatches(token, auth)) {
				error(403, 'a file path is accepted only from this machine with the token of the server file');
			}
			const { path, options } = pathJobSchema.parse(body);
			const job = jobs.submit(path, ingestOptions(jobOptionsSchema.parse(options ?? {})));
			return json(job, { status: 201 });
		}
		const { upload } = uploadSchema.parse(body);
		const limit = uploadLimitBytes();
		if (upload.size > limit) {
			error(
				413,
				`the file is ${upload.size} bytes; the server accepts files up to ${limit} bytes (CRM_UPLOAD_LIMIT_MB). ` +
					'Load a larger file with crm ingest on the server'
			);
		}
		const dir = await appUploadsDir();
		const job = jobs.createUpload(upload.name, upload.size, (id) => ({
			file: createUploadFile(dir, id, upload.name),
			cleanup: () => removeUploadFile(dir, id)
		}));
		return json({ job, piece_bytes: UPLOAD_CHUNK_BYTES, limit_bytes: limit }, { status: 201 });
	});
};
