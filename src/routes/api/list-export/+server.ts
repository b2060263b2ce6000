import { error, json } from '@sveltejs/kit';
import { existsSync, readFileSync } from 'node:fs';
import { appDb } from '$lib/server/app-db';
import { exportFile, exportForDownload } from '$lib/server/lists/download';
import { exportOptionsSchema } from '$lib/server/lists/export';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import { parseRule } from '$lib/server/lists/rule';
import type { RequestHandler } from './$types';

/**
 * POST /api/list-export {rule, listName?, format, columns, channel, requireConsent, lang}: writes the file on the
 * server, records the export and its members, and answers the counts (matched, members, leftOutNoConsent) with
 * `download`, the URL of the file.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
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
		const listName = typeof body.listName === 'string' && body.listName ? body.listName : null;
		const result = await exportForDownload(await appDb(), {
			rule,
			listName,
			...opts,
			actor: locals?.user ?? null,
			address: locals?.address ?? null
		});
		const { file: _file, ...rest } = result;
		return json({ ...rest, download: `/api/list-export?key=${result.downloadKey}` });
	});
};

const TYPES = {
	csv: 'text/csv; charset=utf-8',
	parquet: 'application/vnd.apache.parquet',
	json: 'application/json'
};

const KEY = /^[A-Za-z0-9_-]{32}$/;

/**
 * GET /api/list-export?key=K: the file of the export whose download key is K (unguessable, unlike the sequential
 * export id), for a person of the role that made it (or an admin; anyone in local mode).
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const key = url.searchParams.get('key') ?? '';
	if (!KEY.test(key)) error(400, 'key: expected the download key an export answered (32 characters)');
	const found = await exportFile(await appDb(), key);
	if (!found || !existsSync(found.file)) error(404, 'no export with this key has a file on this server');
	const user = locals?.user;
	if (user && user.role !== 'admin' && found.createdRole !== user.role)
		error(403, 'this export was made by another role');
	const base = (found.listName ?? 'list').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'list';
	return new Response(readFileSync(found.file), {
		headers: {
			'content-type': TYPES[found.format],
			'content-disposition': `attachment; filename="${encodeURIComponent(base)}-${found.exportId}.${found.format}"`,
			'cache-control': 'no-store'
		}
	});
};
