import { error, json } from '@sveltejs/kit';
import { existsSync, readFileSync } from 'node:fs';
import { appDb } from '$lib/server/app-db';
import { parseId } from '$lib/server/api/bounds';
import { exportFile, exportForDownload } from '$lib/server/segments/download';
import { exportOptionsSchema } from '$lib/server/segments/export';
import { jsonBody, userErrors } from '$lib/server/segments/http';
import { parseRule } from '$lib/server/segments/rule';
import type { RequestHandler } from './$types';

/**
 * POST /api/segment-export {rule, segmentName?, format, columns, channel, requireConsent, lang}: writes the file on the
 * server, records the export and its members, and answers the counts (matched, members, leftOutNoConsent) with
 * `download`, the URL of the file.
 */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	return userErrors(async () => {
		const rule = parseRule(body.rule);
		const opts = exportOptionsSchema.parse({
			format: body.format,
			columns: body.columns,
			channel: body.channel,
			requireConsent: body.requireConsent,
			lang: body.lang
		});
		const segmentName = typeof body.segmentName === 'string' && body.segmentName ? body.segmentName : null;
		const result = await exportForDownload(await appDb(), { rule, segmentName, ...opts });
		const { file: _file, ...rest } = result;
		return json({ ...rest, download: `/api/segment-export?id=${result.exportId}` });
	});
};

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	parquet: 'application/vnd.apache.parquet',
	json: 'application/json'
};

/** GET /api/segment-export?id=N: the file of export N (personal data: only on explicit request). */
export const GET: RequestHandler = async ({ url }) => {
	const id = parseId(url.searchParams.get('id'), 'id (an export id)');
	const found = await exportFile(await appDb(), id);
	if (!found || !existsSync(found.file)) error(404, `export ${id} has no file on this server`);
	const base = (found.segmentName ?? 'list').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'list';
	return new Response(readFileSync(found.file), {
		headers: {
			'content-type': TYPES[found.format],
			'content-disposition': `attachment; filename="${encodeURIComponent(base)}-${id}.${found.format}"`,
			'cache-control': 'no-store'
		}
	});
};
