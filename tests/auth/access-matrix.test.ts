import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handle } from '../../src/hooks.server';
import { ACCESS } from '../../src/lib/server/auth/access';
import { forgetMode } from '../../src/lib/server/auth/mode';
import { ROLES, type Role } from '../../src/lib/server/auth/roles';
import { demoAppDb } from '../helpers/db';
import { eventFor, routeList, teamUsers } from './helpers';

/**
 * The role x route matrix (#19), generated from src/routes: every page and endpoint has a rule in
 * src/lib/server/auth/access.ts, and each role gets the status the issue specifies. The expectations below are
 * written from the words, not read from ACCESS, so a rule that drifts from them fails here.
 */
function expected(role: Role, id: string, method: string): 'allowed' | 'forbidden' {
	// two endpoints take their question (a rule) as a POST body and only read
	const write = method !== 'GET' && !['/api/migration/flow', '/api/list-preview'].includes(id);
	if (id === '/login' || id === '/logout' || role === 'admin') return 'allowed';
	if (/^\/(api\/ingest|data|admin|settings)(\/|$)/.test(id) || (id === '/api/settings' && write))
		return 'forbidden';
	if (id === '/api/list-export') return role === 'marketer' ? 'allowed' : 'forbidden';
	const rows = /^\/(api\/)?customers?(\/|$)|^\/api\/list-preview$/.test(id);
	const lists = /^\/(api\/)?lists(\/|$)/.test(id) || id === '/api/customers/save-list';
	if (role === 'leadership' && (rows || lists)) return 'forbidden';
	// leadership sets goals (#15); marketers run their PDCA cycles
	if (write && /^\/(api\/)?goal(s|-cycles)$/.test(id))
		return role === 'leadership' || role === 'marketer' ? 'allowed' : 'forbidden';
	if (write) return role === 'marketer' ? 'allowed' : 'forbidden';
	return 'allowed';
}

const routes = routeList();
const resolve = () => new Response('ok', { status: 200 });

describe('role x route matrix', () => {
	let release: () => Promise<void>;
	let tokens: Record<Role, string>;
	beforeAll(async () => {
		({ release } = await demoAppDb(200));
		tokens = await teamUsers();
	});
	afterAll(async () => {
		forgetMode();
		await release();
	});

	it('finds the routes (pages and endpoints)', () => {
		expect(routes.length).toBeGreaterThan(50);
		expect(routes.find((r) => r.id === '/api/customers')?.methods).toEqual(['GET']);
	});

	it.each(routes)('$id ($file) has an access rule', ({ id, file }) => {
		expect(
			ACCESS[id],
			`route ${id} (${file}) has no access rule: add a line for it to src/lib/server/auth/access.ts`
		).toBeDefined();
	});

	it('every role gets the specified answer on every route and method', async () => {
		const wrong: string[] = [];
		for (const route of routes) {
			for (const method of route.methods) {
				for (const role of ROLES) {
					const path = route.id.replace(/\[(\w+)\]/g, '1');
					const res = await handle({
						event: eventFor(route.id, path, {
							method,
							cookie: tokens[role],
							headers: { origin: 'http://127.0.0.1:3000' }
						}) as never,
						resolve
					});
					const got =
						res.status === 403 ? 'forbidden' : res.status === 200 ? 'allowed' : `status ${res.status}`;
					const want = expected(role, route.id, method);
					if (got !== want) wrong.push(`${role} ${method} ${route.id}: ${got}, expected ${want}`);
				}
			}
		}
		expect(wrong).toEqual([]);
	});

	it('without a session: 401 on endpoints, a redirect to /login on pages, the login page itself open', async () => {
		for (const route of routes) {
			const path = route.id.replace(/\[(\w+)\]/g, '1');
			const res = await handle({ event: eventFor(route.id, path) as never, resolve });
			const want = ['/login', '/logout'].includes(route.id) ? 200 : route.id.startsWith('/api/') ? 401 : 303;
			expect(res.status, `${route.id}`).toBe(want);
		}
	});

	it('a forged or revoked cookie is no session', async () => {
		const res = await handle({
			event: eventFor('/api/summary', '/api/summary', { cookie: 'x'.repeat(43) }) as never,
			resolve
		});
		expect(res.status).toBe(401);
	});
});
