import { json, type RequestEvent } from '@sveltejs/kit';
import { appDb } from '../app-db';
import { serverToken } from '../app-ingest';
import { isLoopbackAddress, tokenMatches } from '../db/server-file';
import { decide, isPublic } from './access';
import { allowedHosts, hostName, serverMode, type Mode } from './mode';
import type { SignedIn } from './roles';
import { sessionUser } from './store';

export const SESSION_COOKIE = 'crm_session';

/** `crm ingest` hands files to the running server with the token of `<db>.server.json`, from this machine only. */
function cliUser(event: RequestEvent): SignedIn | null {
	const auth = event.request.headers.get('authorization')?.replace(/^Bearer /, '');
	const token = serverToken();
	if (!auth || !token || !tokenMatches(token, auth)) return null;
	return isLoopbackAddress(event.getClientAddress()) ? { name: 'crm (command line)', role: 'admin' } : null;
}

function refuse(event: RequestEvent, status: number, message: string): Response {
	if (event.url.pathname.startsWith('/api/')) return json({ message }, { status });
	return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * What a request passes before anything answers it (hooks.server.ts): its Host must be one this server answers to
 * (a DNS-rebinding page reaches 127.0.0.1 under a foreign name); in team mode it needs a session (or is the login
 * page), and the role's rule in auth/access.ts. Sets locals.user (null in local mode) and locals.address.
 * Returns the refusal, or null to go on.
 */
export async function gate(event: RequestEvent, listenHost: string | null): Promise<Response | null> {
	const { mode } = await serverMode(appDb, listenHost);
	const host = hostName(event.request.headers.get('host') ?? event.url.host);
	if (!allowedHosts(mode, listenHost).has(host)) {
		return refuse(event, 421, `this server does not answer to the host name '${host}'`);
	}
	event.locals.address = safeAddress(event);
	event.locals.user = null;
	event.locals.mode = mode satisfies Mode;
	if (mode === 'local') return null;
	const routeId = event.route.id;
	const method = event.request.method;
	const user =
		(await sessionUser(await appDb(), event.cookies.get(SESSION_COOKIE))) ??
		(event.url.pathname.startsWith('/api/ingest/') ? cliUser(event) : null);
	event.locals.user = user;
	if (isPublic(routeId, method) || routeId === null) return null;
	if (!user) {
		if (event.url.pathname.startsWith('/api/')) return refuse(event, 401, 'sign in first (/login)');
		const next = encodeURIComponent(event.url.pathname + event.url.search);
		return new Response(null, { status: 303, headers: { location: `/login?next=${next}` } });
	}
	const decision = decide(routeId, method, user.role);
	if (decision === 'allowed') return null;
	if (decision === 'unknown-route')
		return refuse(event, 403, `no access rule for ${routeId} (src/lib/server/auth/access.ts)`);
	return refuse(event, 403, `the role ${user.role} may not ${method === 'GET' ? 'open' : 'change'} this`);
}

function safeAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Headers on every answer: no MIME sniffing, no framing by other sites, no referrer to other sites. */
export function secureHeaders(response: Response): Response {
	const set = (name: string, value: string) => {
		if (!response.headers.has(name)) response.headers.set(name, value);
	};
	try {
		set('x-content-type-options', 'nosniff');
		set('x-frame-options', 'DENY');
		set('referrer-policy', 'same-origin');
		set('cross-origin-opener-policy', 'same-origin');
		if (!response.headers.has('content-security-policy'))
			set('content-security-policy', "frame-ancestors 'none'; object-src 'none'; base-uri 'self'");
	} catch {
		/* immutable headers (a fetched response passed through): left as they are */
	}
	return response;
}
