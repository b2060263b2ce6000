/**
 * Failed sign-ins allowed per account and per address in a window before further attempts are refused (429) until
 * the window passes: 5 per account, 20 per address, 15 minutes (OWASP authentication cheat sheet: throttle both).
 */
export const LIMITS = { account: 5, address: 20, windowMs: 15 * 60_000 };

const failures = new Map<string, number[]>();

function recentCount(key: string, now: number): number {
	const kept = (failures.get(key) ?? []).filter((t) => now - t < LIMITS.windowMs);
	if (kept.length) failures.set(key, kept);
	else failures.delete(key);
	return kept.length;
}

/** Seconds to wait before trying again, or 0 when a sign-in may be tried now. */
export function loginBlockedFor(account: string, address: string, now = Date.now()): number {
	const blocked =
		recentCount(`a:${account}`, now) >= LIMITS.account || recentCount(`i:${address}`, now) >= LIMITS.address;
	if (!blocked) return 0;
	const oldest = Math.min(...[`a:${account}`, `i:${address}`].flatMap((k) => failures.get(k) ?? [now]));
	return Math.max(1, Math.ceil((oldest + LIMITS.windowMs - now) / 1000));
}

export function loginFailed(account: string, address: string, now = Date.now()): void {
	for (const key of [`a:${account}`, `i:${address}`]) failures.set(key, [...(failures.get(key) ?? []), now]);
}

export function loginSucceeded(account: string): void {
	failures.delete(`a:${account}`);
}

/** For tests. */
export function forgetFailures(): void {
	failures.clear();
}
