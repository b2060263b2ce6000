import { appDb } from '../app-db';
import { recordAudit } from './audit';
import { loginBlockedFor, loginFailed, loginSucceeded } from './rate-limit';
import type { SignedIn } from './roles';
import { checkPassword, createSession, SESSION_HOURS } from './store';

export type LoginOutcome =
	{ ok: true; user: SignedIn; token: string; maxAgeSeconds: number } | { ok: false; blockedSeconds: number };

/**
 * A sign-in attempt: refused while the account or the address has too many recent failures (auth/rate-limit.ts);
 * every attempt, good or bad, is one audit row.
 */
export async function login(name: string, password: string, address: string): Promise<LoginOutcome> {
	const db = await appDb();
	const blocked = loginBlockedFor(name, address);
	if (blocked > 0) {
		await recordAudit(db, {
			action: 'login_failed',
			actor: { name, role: null },
			address,
			detail: 'rate limited'
		});
		return { ok: false, blockedSeconds: blocked };
	}
	const user = await checkPassword(db, name, password);
	if (!user) {
		loginFailed(name, address);
		await recordAudit(db, { action: 'login_failed', actor: { name, role: null }, address });
		return { ok: false, blockedSeconds: 0 };
	}
	loginSucceeded(name);
	const token = await createSession(db, user);
	await recordAudit(db, { action: 'login', actor: user, address });
	return { ok: true, user, token, maxAgeSeconds: SESSION_HOURS * 3600 };
}

/** Cookies are Secure when the browser reached the server over https (directly, or via a proxy that says so). */
export function behindHttps(request: Request, url: URL): boolean {
	return (
		request.headers.get('x-forwarded-proto') === 'https' ||
		(process.env.ORIGIN ?? '').startsWith('https:') ||
		(url.protocol === 'https:' && !!process.env.ORIGIN)
	);
}
