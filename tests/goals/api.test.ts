import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE, GET, POST } from '../../src/routes/api/goals/+server';
import { POST as POST_CYCLE } from '../../src/routes/api/goal-cycles/+server';
import { demoAppDb } from '../helpers/db';

type Handler = (e: never) => Response | Promise<Response>;

async function call(h: Handler, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
	const url = new URL(`http://127.0.0.1${path}`);
	const request = new Request(url, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	try {
		const res = await h({ url, request } as never);
		return { status: res.status, body: res.status === 204 ? null : await res.json() };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, body: e.body.message };
		throw e;
	}
}

describe('/api/goals and /api/goal-cycles', () => {
	let served: Awaited<ReturnType<typeof demoAppDb>>;
	beforeAll(async () => {
		served = await demoAppDb(300);
	}, 300_000);
	afterAll(() => served.release());

	it('400 with the reason on bad input, 404 for an unknown goal, rows of status otherwise', async () => {
		const bad = await call(POST, '/api/goals', { kpi: 'happiness', target: 1 });
		expect(bad.status).toBe(400);
		expect(String(bad.body)).toMatch(/kpi/);
		const made = await call(POST, '/api/goals', {
			kpi: 'active_customers',
			target: 100000,
			direction: 'increase',
			start_date: '2025-07-01',
			deadline: '2026-06-30'
		});
		expect(made.status).toBe(201);
		const id = (made.body as { goal_id: number }).goal_id;
		const rows = (await call(GET, '/api/goals?format=json')).body as { id: number; status: string }[];
		expect(rows).toMatchObject([{ id, status: 'off_track' }]);
		expect((await call(POST_CYCLE, '/api/goal-cycles', { goal_id: 999, plan: 'x' })).status).toBe(404);
		expect((await call(POST_CYCLE, '/api/goal-cycles', { goal_id: id, plan: '' })).status).toBe(400);
		expect((await call(POST_CYCLE, '/api/goal-cycles', { goal_id: id, plan: 'call them' })).status).toBe(201);
		expect((await call(DELETE, '/api/goals?id=abc')).status).toBe(400);
		expect((await call(DELETE, `/api/goals?id=${id}`)).status).toBe(204);
		expect((await call(DELETE, `/api/goals?id=${id}`)).status).toBe(404);
	}, 120_000);
});
