import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { forgetMode } from '../../src/lib/server/auth/mode';
import { demoAppDb } from '../helpers/db';
import { eventFor, routeList } from './helpers';

/** Local mode (no users): cross-site writes and foreign Host names are refused on every route; same-origin passes. */
const writes = routeList().flatMap((r) =>
	r.methods.filter((m) => m !== 'GET').map((method) => ({ ...r, method }))
);
const resolve = () => new Response('ok', { status: 200 });
const pathOf = (id: string) => id.replace(/\[(\w+)\]/g, '1');

describe('HTTP hardening in local mode', () => {
	let release: () => Promise<void>;
	beforeAll(async () => {
		({ release } = await demoAppDb(100));
		forgetMode();
	});
	afterAll(async () => {
		forgetMode();
		await release();
	});

	it('finds the write endpoints', () => {
		expect(writes.map((w) => `${w.method} ${w.id}`)).toContain('POST /api/list-export');
	});

	it.each(writes)('$method $id: a cross-site request is refused, a same-origin one accepted', async (w) => {
		const send = (headers: Record<string, string>) =>
			handle({
				event: eventFor(w.id, pathOf(w.id), { method: w.method, headers, body: '{}' }) as never,
				resolve
			});
		const foreign = await send({ origin: 'http://evil.example', 'content-type': 'application/json' });
		expect(foreign.status).toBe(403);
		expect(((await foreign.json()) as { message: string }).message).toMatch(/cross-origin/);
		const site = await send({ 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' });
		expect(site.status).toBe(403);
		const same = await send({ origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' });
		expect(same.status).toBe(200);
	});

	it('a request to a foreign Host name is refused (DNS rebinding), loopback names are answered', async () => {
		const ask = (host: string) =>
			handle({
				event: eventFor('/api/customers', '/api/customers?contact=1', { headers: { host } }) as never,
				resolve
			});
		const evil = await ask('evil.example:3411');
		expect(evil.status).toBe(421);
		for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000'])
			expect((await ask(host)).status).toBe(200);
	});

	it('every answer carries nosniff, no framing and a referrer policy', async () => {
		const res = await handle({ event: eventFor('/api/summary', '/api/summary') as never, resolve });
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('x-frame-options')).toBe('DENY');
		expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
	});
});
