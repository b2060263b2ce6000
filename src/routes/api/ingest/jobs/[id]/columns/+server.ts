import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { appJobs } from '$lib/server/app-ingest';
import { ingestErrors, jobOptionsSchema } from '$lib/server/ingest/http';
import { parseMapOptions } from '$lib/server/ingest/fields';
import { previewColumns } from '$lib/server/ingest/preview';
import type { RequestHandler } from './$types';

/**
 * GET /api/ingest/jobs/[id]/columns?kind=&preset=&map=field=column (map repeatable): the uploaded file's columns and
 * the canonical field each would feed (the detection ingest uses), the required fields still missing, and what is
 * wrong with a column choice. Nothing is loaded.
 */
export const GET: RequestHandler = ({ params, url }) =>
	ingestErrors(async () => {
		const file = (await appJobs()).uploadedFile(params.id);
		if (!file) error(409, 'the file is not uploaded completely, or it is loaded already');
		const options = jobOptionsSchema.parse({
			kind: url.searchParams.get('kind') ?? undefined,
			preset: url.searchParams.get('preset') ?? undefined,
			map: parseMapOptions(url.searchParams.getAll('map'))
		});
		const preview = await previewColumns(await appDb(), file, options);
		return json(preview, { headers: { 'cache-control': 'no-store' } });
	});
