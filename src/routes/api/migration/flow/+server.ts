import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { checkDates, MAX_TEXT } from '$lib/server/api/bounds';
import { calendarDate } from '$lib/server/dates';
import { parseQuery } from '$lib/server/api/respond';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import { migrationFlowMembers, saveMigrationFlow } from '$lib/server/metrics/migration';
import type { RequestHandler } from './$types';

const flowQuery = z.object({
	from: calendarDate,
	to: calendarDate,
	dimension: z.enum(['rfm_segment', 'lifecycle_stage']).default('rfm_segment'),
	source: z.string().min(1).max(200),
	target: z.string().min(1).max(200),
	limit: z.coerce.number().int().min(1).max(1000).default(100),
	format: z.string().optional()
});

/** GET /api/migration/flow?from&to&dimension&source&target&limit: the flow's customers, most valuable first. */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, flowQuery);
	return userErrors(async () => json(await migrationFlowMembers(await appDb(), q, q.limit)));
};

/** POST /api/migration/flow {from, to, dimension, source, target, name, description?}: saves the flow as a list. */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	await checkDates(await appDb(), { from: body.from, to: body.to });
	return userErrors(async () => {
		const q = flowQuery
			.omit({ limit: true, format: true })
			.extend({ name: z.string().min(1).max(200), description: z.string().max(MAX_TEXT).optional() })
			.parse(body);
		const r = await saveMigrationFlow(await appDb(), q);
		return json({ name: r.list.name, customers: r.customers });
	});
};
