import { error, json } from '@sveltejs/kit';
import { appDb } from '$lib/server/app-db';
import { MAX_TEXT } from '$lib/server/api/bounds';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import { deleteList, savedLists, saveList } from '$lib/server/lists/saved';
import type { RequestHandler } from './$types';

/** GET /api/lists: the saved lists (name, description, rule, createdAt, updatedAt). */
export const GET: RequestHandler = async () => json(await savedLists(await appDb()));

/** POST /api/lists {name, description?, rule, overwrite?}: saves a list (409 when the name is taken). */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	if (typeof body.name !== 'string') error(400, 'name: expected a text (the list name)');
	if (body.description != null && typeof body.description !== 'string')
		error(400, 'description: expected a text or nothing');
	if (typeof body.description === 'string' && body.description.length > MAX_TEXT)
		error(400, `description: ${body.description.length} characters; at most ${MAX_TEXT}`);
	if (body.overwrite !== undefined && typeof body.overwrite !== 'boolean')
		error(400, 'overwrite: expected true or false');
	return userErrors(async () =>
		json(
			await saveList(
				await appDb(),
				{
					name: body.name as string,
					description: typeof body.description === 'string' ? body.description : null,
					rule: body.rule
				},
				{ overwrite: body.overwrite === true }
			)
		)
	);
};

/** DELETE /api/lists?name=NAME */
export const DELETE: RequestHandler = async ({ url }) => {
	const name = url.searchParams.get('name') ?? '';
	return userErrors(async () => {
		await deleteList(await appDb(), name);
		return json({ deleted: name });
	});
};
