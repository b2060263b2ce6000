import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db';
import { hashPassword, passwordProblem, verifyPassword } from './password';
import { isRole, ROLES, type Role, type SignedIn } from './roles';

/** Users and sessions in the database (migration 021). */

export interface UserRow {
	name: string;
	role: Role;
	disabled: boolean;
	created_at: string;
}

/** How long a session lasts after sign-in. */
export const SESSION_HOURS = 12;

const NAME = /^[\p{L}\p{N}._@-]{1,64}$/u;

export function userNameProblem(name: string): string | null {
	return NAME.test(name) ? null : 'a user name is 1-64 letters, digits or . _ @ -';
}

function check(problem: string | null): void {
	if (problem) throw new Error(problem);
}

export async function countUsers(db: Database): Promise<number> {
	const rows = await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM users WHERE NOT disabled');
	return rows[0]?.n ?? 0;
}

export async function listUsers(db: Database): Promise<UserRow[]> {
	return db.sql<UserRow>(
		`SELECT name, role, disabled, strftime(created_at, '%Y-%m-%d %H:%M') AS created_at FROM users ORDER BY name`
	);
}

export async function addUser(db: Database, name: string, role: string, password: string): Promise<void> {
	check(userNameProblem(name));
	if (!isRole(role)) throw new Error(`unknown role '${role}'; one of ${ROLES.join(', ')}`);
	check(passwordProblem(password));
	const existing = await db.sql('SELECT 1 FROM users WHERE name = $name', { name });
	if (existing.length) throw new Error(`a user '${name}' already exists`);
	await db.exec('INSERT INTO users (name, role, password_hash) VALUES ($name, $role, $hash)', {
		name,
		role,
		hash: await hashPassword(password)
	});
}

async function mustExist(db: Database, name: string): Promise<void> {
	const rows = await db.sql('SELECT 1 FROM users WHERE name = $name', { name });
	if (!rows.length) throw new Error(`no user '${name}'`);
}

/** A new password ends the user's sessions. */
export async function setPassword(db: Database, name: string, password: string): Promise<void> {
	check(passwordProblem(password));
	await mustExist(db, name);
	await db.exec('UPDATE users SET password_hash = $hash WHERE name = $name', {
		name,
		hash: await hashPassword(password)
	});
	await revokeSessions(db, name);
}

export async function setDisabled(db: Database, name: string, disabled: boolean): Promise<void> {
	await mustExist(db, name);
	await db.exec('UPDATE users SET disabled = $disabled WHERE name = $name', { name, disabled });
	if (disabled) await revokeSessions(db, name);
}

export async function deleteUser(db: Database, name: string): Promise<void> {
	await mustExist(db, name);
	await revokeSessions(db, name);
	await db.exec('DELETE FROM users WHERE name = $name', { name });
}

/** The user when name and password match an enabled account, else null (the same answer for every reason). */
export async function checkPassword(db: Database, name: string, password: string): Promise<SignedIn | null> {
	const rows = await db.sql<{ role: Role; password_hash: string; disabled: boolean }>(
		'SELECT role, password_hash, disabled FROM users WHERE name = $name',
		{ name }
	);
	const u = rows[0];
	// an unknown name costs the same scrypt as a known one, so timing does not tell which names exist
	const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
	return u && ok && !u.disabled ? { name, role: u.role } : null;
}

const DUMMY_HASH = `scrypt$16384$8$1$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(64).toString('base64')}`;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions looked up recently: a request costs a Map lookup, not a query (cleared on every revocation). */
const recent = new Map<string, { user: SignedIn; until: number }>();
const RECENT_MS = 30_000;

export async function createSession(db: Database, user: SignedIn): Promise<string> {
	const token = randomBytes(32).toString('base64url');
	await db.exec(
		`INSERT INTO sessions (token_hash, user_name, expires_at)
		 VALUES ($hash, $name, current_timestamp::TIMESTAMP + to_hours($hours::INTEGER))`,
		{ hash: tokenHash(token), name: user.name, hours: SESSION_HOURS }
	);
	return token;
}

/** The signed-in user of a session cookie, or null when it is unknown, expired, revoked or the user is disabled. */
export async function sessionUser(db: Database, token: string | undefined): Promise<SignedIn | null> {
	if (!token || token.length > 100) return null;
	const hash = tokenHash(token);
	const hit = recent.get(hash);
	if (hit && hit.until > Date.now()) return hit.user;
	const rows = await db.sql<{ name: string; role: Role }>(
		`SELECT u.name, u.role FROM sessions s JOIN users u ON u.name = s.user_name
		 WHERE s.token_hash = $hash AND NOT s.revoked AND NOT u.disabled AND s.expires_at > current_timestamp::TIMESTAMP`,
		{ hash }
	);
	const user = rows[0] ?? null;
	if (user) recent.set(hash, { user, until: Date.now() + RECENT_MS });
	else recent.delete(hash);
	return user;
}

export async function endSession(db: Database, token: string | undefined): Promise<void> {
	if (!token) return;
	recent.clear();
	await db.exec('UPDATE sessions SET revoked = true WHERE token_hash = $hash', { hash: tokenHash(token) });
}

/** Ends every session of a user (sign out everywhere; a disabled, deleted or re-keyed account). */
export async function revokeSessions(db: Database, name: string): Promise<number> {
	recent.clear();
	const rows = await db.sql<{ n: number }>(
		'UPDATE sessions SET revoked = true WHERE user_name = $name AND NOT revoked RETURNING 1 AS n',
		{ name }
	);
	return rows.length;
}
