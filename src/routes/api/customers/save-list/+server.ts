import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery } from '$lib/server/api/respond';
import { customerListSchema } from '$lib/server/customers/list-params';
import { saveCustomersAsList } from '$lib/server/lists/from-list';
import type { RequestHandler } from './$types';

const bodySchema = z.object({
	name: z.string().trim().min(1).max(100),
	description: z.string().max(1000).optional(),
	/** keep exactly today's customers instead of the element's rule */
	snapshot: z.boolean().optional()
});

/**
 * POST /api/customers/save-list?<the list's query string> {name, description?}: saves the customers of that list
 * (whatever chart led to it) as a list: the element's rule (a living list) or, with snapshot: true or a selection
 * that has no rule, their ids. JSON only, so a cross-site form cannot trigger it.
 */
export const POST: RequestHandler = async ({ url, request }) => {
	const params = await parseQuery(url, customerListSchema);
	const body = bodySchema.safeParse(await request.json().catch(() => null));
	if (!body.success) error(400, 'bad body: expected JSON {"name": "..."}');
	try {
		const { list, customers } = await saveCustomersAsList(await appDb(), params, body.data);
		return json({ name: list.name, kind: list.kind, customers });
	} catch (e) {
		error(400, e instanceof Error ? e.message : String(e));
	}
};
