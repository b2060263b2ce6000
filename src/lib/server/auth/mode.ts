import type { Database } from '../db';
import { countUsers } from './store';

/**
 * Local mode: bound to loopback and no users, one person on their own machine, everything allowed as before #19.
 * Team mode: users exist or the server listens beyond loopback; every request but the login page needs a session.
 */
export type Mode = 'local' | 'team';

export const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '');
	return LOOPBACK_NAMES.has(h) || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export interface ModeDecision {
	mode: Mode;
	/** Set when the server must not start: what to do instead. */
	refusal: string | null;
	banner: string;
}

export function decideMode(host: string | null, users: number): ModeDecision {
	const loopback = host === null || isLoopbackHost(host);
	if (!loopback && users === 0) {
		return {
			mode: 'team',
			refusal:
				`refusing to serve on ${host}: beyond this machine every person needs an account, and there are no users.\n` +
				'Create one first:  npx crm user add NAME --role admin   (then start again),\n' +
				'or serve on this machine only:  HOST=127.0.0.1 npm start',
			banner: ''
		};
	}
	if (loopback && users === 0) {
		return {
			mode: 'local',
			refusal: null,
			banner:
				'mode: local, single user (no sign-in; only this machine can connect) / chế độ cục bộ, một người dùng'
		};
	}
	return {
		mode: 'team',
		refusal: null,
		banner: `mode: team, ${users} user(s), sign-in required / chế độ nhóm, ${users} người dùng, cần đăng nhập`
	};
}

let decided: Promise<ModeDecision> | null = null;

/** The mode, decided once per process (at start-up, or at the first request under vite dev). */
export function serverMode(db: () => Promise<Database>, host: string | null): Promise<ModeDecision> {
	decided ??= db()
		.then(async (d) => decideMode(host, await countUsers(d)))
		.catch((e) => {
			decided = null;
			throw e;
		});
	return decided;
}

/** For tests: decide again at the next request. */
export function forgetMode(): void {
	decided = null;
}

/** Host names a request may be addressed to: loopback names, the listening address, and CRM_ALLOWED_HOSTS (team). */
export function allowedHosts(mode: Mode, listenHost: string | null): Set<string> {
	const names = new Set(LOOPBACK_NAMES);
	if (mode === 'team') {
		if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') names.add(listenHost.toLowerCase());
		for (const n of (process.env.CRM_ALLOWED_HOSTS ?? '').split(','))
			if (n.trim()) names.add(n.trim().toLowerCase());
	}
	return names;
}

/** The host name of a Host header ("example.com:3000" -> "example.com", "[::1]:3000" -> "[::1]"). */
export function hostName(header: string): string {
	const h = header.trim().toLowerCase();
	if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
	return h.replace(/:\d+$/, '');
}
