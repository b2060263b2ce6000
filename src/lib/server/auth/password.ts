import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (node:crypto scrypt, RFC 7914; N=2^14, r=8, p=1 as in OWASP's
 * password storage cheat sheet, 64-byte key, 16-byte random salt), so the cost can be raised without breaking old hashes.
 */
const N = 16384;
const R = 8;
const P = 1;
const KEY_BYTES = 64;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scrypt(password, salt, KEY_BYTES, { N: n, r, p, maxmem: 64 * 1024 * 1024 }, (e, key) =>
			e ? reject(e) : resolve(key)
		)
	);
}

/** At least 10 characters: a short password is refused with the reason. */
export function passwordProblem(password: string): string | null {
	if (password.length < 10) return 'the password must have at least 10 characters';
	if (password.length > 1024) return 'the password must have at most 1024 characters';
	return null;
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, N, R, P);
	return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches the stored hash (compared in constant time). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [kind, n, r, p, salt, hash] = stored.split('$');
	if (kind !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64');
	const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
	return key.length === expected.length && timingSafeEqual(key, expected);
}
