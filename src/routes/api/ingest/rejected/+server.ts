import { error } from '@sveltejs/kit';
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { appDb } from '$lib/server/app-db';
import { parseId } from '$lib/server/api/bounds';
import { appUploadsDir } from '$lib/server/app-ingest';
import { writeRejectedCsv } from '$lib/server/ingest/rejected';
import type { RequestHandler } from './$types';

/**
 * GET /api/ingest/rejected?id=N: the rows ingest N quarantined, as CSV (line, reason, the file's own cells). The
 * rows may hold personal data: this is an explicit download by the person who asks for it.
 */
export const GET: RequestHandler = async ({ url }) => {
	const id = parseId(url.searchParams.get('id'), 'id (an ingest id)');
	const dir = await appUploadsDir();
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const file = join(dir, `rejected-${id}-${randomUUID()}.csv`);
	try {
		const rows = await writeRejectedCsv(await appDb(), id, file);
		if (rows === null) error(404, `ingest ${id} has no quarantined rows`);
	} catch (e) {
		rmSync(file, { force: true });
		throw e;
	}
	const stream = createReadStream(file);
	stream.on('close', () => rmSync(file, { force: true }));
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="rejected-rows-ingest-${id}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
