import { isHttpError, isRedirect } from '@sveltejs/kit';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardApiRequest } from '../../src/lib/server/api/guard';
import { appDb } from '../../src/lib/server/app-db';
import { demoAppDb } from '../helpers/db';

/**
 * Hostile requests to every endpoint, generated from the route list (src/routes/api/**\/+server.ts): far dates,
 * impossible dates, huge and malformed numbers, long strings. No answer may be a 500 and each comes within 2 s.
 */
const API = join(process.cwd(), 'src', 'routes', 'api');

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) return routeFiles(p);
		return name === '+server.ts' ? [p] : [];
	});
}

const DATE_KEYS = ['from', 'to', 'as_of', 'cohort', 'holdout_end', 'calibration_end'];
const BAD_DATES = ['9999-12-31', '0000-01-01', '2024-02-30', '1899-12-30', '2024-2-3'];
const NUMBER_KEYS = ['id', 'limit', 'offset', 'page', 'page_size', 'points', 'k', 'offset'];
const BAD_NUMBERS = ['99999999999999999999', '0x1', '-1', '1e400', 'NaN', '0'];
const TEXT_KEYS = [
	'q',
	'name',
	'segment',
	'region',
	'country',
	'channel',
	'source',
	'target',
	'period',
	'dimension'
];
const LONG = 'x'.repeat(100_000);

type Handler = (event: unknown) => Response | Promise<Response>;
interface Route {
	path: string;
	handlers: Partial<Record<'GET' | 'POST', Handler>>;
}

/** The route's path with its [id] parts filled by a hostile value. */
function urlFor(route: string, param: string): string {
	return route.replace(/\[(\w+)\]/g, () => encodeURIComponent(param));
}

async function send(
	route: Route,
	method: 'GET' | 'POST',
	query: string,
	paramValue = '1',
	body?: unknown
): Promise<{ status: number; ms: number }> {
	const handler = route.handlers[method]!;
	const url = new URL(`http://127.0.0.1/api/${urlFor(route.path, paramValue)}?${query}`);
	const init: RequestInit = { method };
	if (body !== undefined) {
		init.body = JSON.stringify(body);
		init.headers = { 'content-type': 'application/json' };
	}
	const request = new Request(url, init);
	const params = Object.fromEntries([...route.path.matchAll(/\[(\w+)\]/g)].map((m) => [m[1], paramValue]));
	const t = performance.now();
	let status: number;
	try {
		const res = await guardApiRequest(request, () => handler({ url, request, params, locals: {} }));
		status = res.status;
		await res.arrayBuffer().catch(() => undefined);
	} catch (e) {
		if (isHttpError(e)) status = e.status;
		else if (isRedirect(e)) status = e.status;
		else {
			console.error(`${method} ${url.pathname}${url.search.slice(0, 200)}:`, e);
			status = 500;
		}
	}
	return { status, ms: performance.now() - t };
}

describe('hostile requests to every /api endpoint (demo, 800 customers)', () => {
	let served: Awaited<ReturnType<typeof demoAppDb>>;
	const routes: Route[] = [];
	beforeAll(async () => {
		served = await demoAppDb(800);
		await appDb();
		for (const file of routeFiles(API)) {
			const rel = relative(API, join(file, '..')).split('\\').join('/');
			if (rel.startsWith('ingest')) continue; // the job runner's endpoints are covered by tests/ingest
			const mod = (await import(file)) as Route['handlers'];
			routes.push({ path: rel, handlers: { GET: mod.GET, POST: mod.POST } });
		}
	}, 180_000);
	afterAll(() => served?.release());

	it('finds the endpoints', () => {
		expect(routes.length).toBeGreaterThan(25);
	});

	it('GET: bad dates, numbers and long strings are 4xx, never 500, each within 2 s', async () => {
		const failures: string[] = [];
		let sent = 0;
		for (const route of routes) {
			if (!route.handlers.GET) continue;
			const queries: string[] = [];
			for (const k of DATE_KEYS)
				for (const v of BAD_DATES)
					for (const period of ['day', 'week']) queries.push(`${k}=${v}&period=${period}&grain=${period}`);
			for (const k of NUMBER_KEYS) for (const v of BAD_NUMBERS) queries.push(`${k}=${v}`);
			for (const k of TEXT_KEYS) queries.push(`${k}=${LONG}`);
			// one plain request first, not timed: the 2 s bound is for hostile answers, not a cold first computation
			// on two cores shared with the rest of the suite
			await send(route, 'GET', '');
			const ids = route.path.includes('[') ? [...BAD_NUMBERS, LONG] : ['1'];
			for (const id of ids)
				for (const q of queries) {
					const r = await send(route, 'GET', q, id);
					sent++;
					if (r.status >= 500 || r.ms > 2000)
						failures.push(
							`GET ${route.path} ${q.slice(0, 80)} id=${id.slice(0, 20)}: ${r.status} in ${r.ms | 0} ms`
						);
				}
		}
		expect(sent).toBeGreaterThan(1000);
		expect(failures).toEqual([]);
	}, 600_000);

	it('POST: far dates, objects for text and a huge description are 4xx, never 500', async () => {
		const bodies = [
			{ from: '0000-01-01', to: '9999-12-31', source: 'x', target: 'y', name: 'n' },
			{ from: '2024-02-30', to: '2024-03-01', source: 'x', target: 'y', name: 'n' },
			{ name: { a: 1 }, rule: { a: 1 } },
			{ name: 'n', description: 'x'.repeat(400_000), rule: {} },
			{ name: LONG, rule: LONG, format: LONG }
		];
		const failures: string[] = [];
		for (const route of routes) {
			if (!route.handlers.POST) continue;
			for (const body of bodies) {
				const r = await send(route, 'POST', '', '1', body);
				if (r.status >= 500 || r.ms > 2000)
					failures.push(
						`POST ${route.path} ${JSON.stringify(body).slice(0, 80)}: ${r.status} in ${r.ms | 0} ms`
					);
			}
		}
		expect(failures).toEqual([]);
	}, 120_000);
});
