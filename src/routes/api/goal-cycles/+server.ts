import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import {
	CycleNotFound,
	GoalNotFound,
	actInputSchema,
	actOnCycle,
	addCycle,
	cycleInputSchema
} from '$lib/server/goals';
import { jsonBody, userErrors } from '$lib/server/lists/http';
import type { RequestHandler } from './$types';

const id = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

async function notFound<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await userErrors(fn);
	} catch (e) {
		if (e instanceof GoalNotFound || e instanceof CycleNotFound) error(404, e.message);
		throw e;
	}
}

/** POST /api/goal-cycles {goal_id, plan, list_name?, do_date?}: a new PDCA cycle (Plan, Do). */
export const POST: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	const cycleId = await notFound(async () => {
		const goalId = id.parse(body.goal_id);
		return addCycle(await appDb(), goalId, cycleInputSchema.parse(body));
	});
	return json({ cycle_id: cycleId }, { status: 201 });
};

/** PUT /api/goal-cycles {cycle_id, act: adopt|adjust|abandon, act_note?}: the Act of a cycle. */
export const PUT: RequestHandler = async ({ request }) => {
	const body = await jsonBody(request);
	await notFound(async () => actOnCycle(await appDb(), id.parse(body.cycle_id), actInputSchema.parse(body)));
	return json({ ok: true });
};
