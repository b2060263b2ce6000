import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { appDb } from '../../src/lib/server/app-db';
import { forgetMode } from '../../src/lib/server/auth/mode';
import { ROLES, type Role } from '../../src/lib/server/auth/roles';
import { createSession } from '../../src/lib/server/auth/store';
import { changeUser } from '../../src/lib/server/auth/users';

const ROUTES = join(process.cwd(), 'src', 'routes');

export interface RouteEntry {
	id: string;
	file: string;
	methods: string[];
}

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? walk(p) : [p];
	});
}

/**
 * Every route of src/routes with the methods it answers: +server.ts by its exported handlers, a page (+page.ts,
 * +page.server.ts) GET, and POST when +page.server.ts has form actions.
 */
export function routeList(): RouteEntry[] {
	const out = new Map<string, RouteEntry>();
	for (const file of walk(ROUTES)) {
		const name = file.slice(file.lastIndexOf(sep) + 1);
		if (!/^\+(server|page|page\.server)\.ts$/.test(name)) continue;
		const dir = relative(ROUTES, file.slice(0, file.lastIndexOf(sep)));
		const id = `/${dir.split(sep).join('/')}`.replace(/\/$/, '') || '/';
		const src = readFileSync(file, 'utf8');
		const methods =
			name === '+server.ts'
				? [...src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!)
				: ['GET', ...(/export const actions\b/.test(src) ? ['POST'] : [])];
		const entry = out.get(id) ?? { id, file: relative(process.cwd(), file), methods: [] };
		entry.methods = [...new Set([...entry.methods, ...methods])];
		out.set(id, entry);
	}
	return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export const PASSWORD = 'correct horse battery';

/** One user per role (named after it) in the app's database, and a session cookie for each; team mode from now. */
export async function teamUsers(): Promise<Record<Role, string>> {
	const db = await appDb();
	const tokens = {} as Record<Role, string>;
	for (const role of ROLES) {
		await changeUser(db, { kind: 'add', name: role, role, password: PASSWORD }, null);
		tokens[role] = await createSession(db, { name: role, role });
	}
	forgetMode();
	return tokens;
}

/** A request event as hooks.server.ts receives it. */
export function eventFor(
	id: string | null,
	path: string,
	init: { method?: string; cookie?: string; headers?: Record<string, string>; body?: string } = {}
) {
	const url = new URL(`http://127.0.0.1:3000${path}`);
	const headers = new Headers(init.headers ?? {});
	const request = new Request(url, { method: init.method ?? 'GET', headers, body: init.body });
	return {
		url,
		request,
		route: { id },
		params: {},
		locals: {} as App.Locals,
		cookies: {
			get: (n: string) => (n === 'crm_session' ? init.cookie : undefined),
			set: () => undefined,
			delete: () => undefined
		},
		getClientAddress: () => '127.0.0.1',
		setHeaders: () => undefined,
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		fetch
	};
}
