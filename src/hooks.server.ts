import { json, type Handle, type ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { announceServer, announcement } from '$lib/server/app-ingest';
import { guardApiRequest } from '$lib/server/api/guard';
import { crossOriginReason, SAFE_METHODS } from '$lib/server/api/same-origin';
import { removeServerFile } from '$lib/server/db/server-file';
import { appDb } from '$lib/server/app-db';
import { gate, secureHeaders } from '$lib/server/auth/gate';
import { serverMode } from '$lib/server/auth/mode';

/** Response headers that load functions read, so they are kept when SSR responses are inlined for hydration. */
const SERIALIZED_HEADERS = new Set(['content-type', 'x-total-count']);

/** Where adapter-node listens (its HOST and PORT, defaults 0.0.0.0:3000); unknown on a socket path. */
function listenAddress(): { host: string; port: number } | null {
	if (process.env.SOCKET_PATH) return null;
	return { host: process.env.HOST ?? '0.0.0.0', port: Number(process.env.PORT ?? 3000) };
}

/**
 * On start the server opens its database and says so in `<db>.server.json` (host, port, pid, token), so that
 * `crm ingest` hands it files instead of failing on the lock. Under `vite dev` the port is known at the first request.
 */
export const init: ServerInit = async () => {
	if (building) return;
	process.once('sveltekit:shutdown' as never, () => {
		const a = announcement();
		if (a) removeServerFile(a.db, a.token);
	});
	address = dev ? null : listenAddress();
	// local or team mode (#19), said once; beyond loopback without users the server does not start
	// HOST itself: adapter-node listens on 0.0.0.0 without it (vite dev: 127.0.0.1)
	const listenHost = process.env.HOST ?? (dev ? null : '0.0.0.0');
	const decision = await serverMode(appDb, listenHost).catch((e: Error) => {
		console.warn(`the mode is decided at the first request: ${e.message}`);
		return null;
	});
	if (decision?.refusal) {
		console.error(decision.refusal);
		process.exit(2);
	}
	if (decision) console.log(decision.banner);
	if (address) await announceServer(address);
};

let address: { host: string; port: number } | null = null;

export const handle: Handle = async ({ event, resolve }) => {
	if (dev) address ??= { host: event.url.hostname, port: Number(event.url.port) };
	// until it is written (the database was busy at start, or the first request under vite dev)
	if (address && !announcement()) void announceServer(address);
	if (!SAFE_METHODS.has(event.request.method)) {
		const refused = crossOriginReason(event.request, event.url);
		if (refused) return secureHeaders(json({ message: refused }, { status: 403 }));
	}
	const refusal = await gate(event, address?.host ?? null);
	if (refusal) return secureHeaders(refusal);
	const lang = event.cookies.get('lang') === 'vi' ? 'vi' : 'en';
	const respond = () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', lang),
			filterSerializedResponseHeaders: (name) => SERIALIZED_HEADERS.has(name.toLowerCase())
		});
	if (event.url.pathname.startsWith('/api/'))
		return secureHeaders(await guardApiRequest(event.request, respond));
	return secureHeaders(await respond());
};
