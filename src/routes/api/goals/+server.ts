import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import {
	GoalNotFound,
	addGoal,
	goalInputSchema,
	deleteGoal,
	goalStatusRow,
	goalsStatus
} from '$lib/server/goals';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import type { RequestHandler } from './$types';

/** GET /api/goals: every goal's status (actual, expected on the path, forecast at the deadline and its interval). */
export const GET: RequestHandler = async ({ url }) => {
	await parseQuery(url, z.object({ format: z.enum(['json', 'arrow']).optional() }).strict());
	const db = await appDb();
	return rowsResponse(url, (await goalsStatus(db)).map(goalStatusRow));
};

/** POST /api/goals {kpi, scope, target, direction, start_date, deadline, grain, owner, why}: 400 with the reason. */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	const goal = await userErrors(async () => addGoal(await appDb(), goalInputSchema.parse(body)));
	return json(goal, { status: 201 });
};

const idSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict();

/** DELETE /api/goals?id=N: the goal and its PDCA cycles. */
export const DELETE: RequestHandler = async ({ url }) => {
	const { id } = await parseQuery(url, idSchema);
	try {
		await deleteGoal(await appDb(), id);
	} catch (e) {
		if (e instanceof GoalNotFound) error(404, e.message);
		throw e;
	}
	return new Response(null, { status: 204 });
};
