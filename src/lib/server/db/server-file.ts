import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The running server announces that it owns a database in `<db file>.server.json` (mode 0600, beside the database,
 * removed on exit): where it listens, its pid and a random token. `crm ingest` reads it when the database is locked
 * and hands its files to that server over loopback, proving with the token that it may read this user's files.
 */
export const serverFileSchema = z.object({
	host: z.string(),
	port: z.number().int().min(1).max(65535),
	pid: z.number().int().positive(),
	token: z.string().min(32),
	db: z.string(),
	started_at: z.string()
});
export type ServerFile = z.infer<typeof serverFileSchema>;

export function serverFilePath(dbPath: string): string {
	return `${dbPath}.server.json`;
}

/** Writes the file (atomically, readable by this user only) and removes it when the process exits. */
export function writeServerFile(dbPath: string, address: { host: string; port: number }): ServerFile {
	const info: ServerFile = {
		host: address.host,
		port: address.port,
		pid: process.pid,
		token: randomBytes(32).toString('hex'),
		db: dbPath,
		started_at: new Date().toISOString()
	};
	const path = serverFilePath(dbPath);
	const tmp = `${path}.${process.pid}.tmp`;
	writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
	chmodSync(tmp, 0o600); // the mode of writeFileSync is filtered by the umask; the token must stay private
	renameSync(tmp, path);
	process.once('exit', () => removeServerFile(dbPath, info.token));
	return info;
}

/** Removes the file if it is still the one with this token (a newer server may have replaced it). */
export function removeServerFile(dbPath: string, token: string): void {
	const current = readServerFile(dbPath);
	if (current?.token === token) rmSync(serverFilePath(dbPath), { force: true });
}

/** The file's contents, or null when there is none or it is not one of ours. */
export function readServerFile(dbPath: string): ServerFile | null {
	let text: string;
	try {
		text = readFileSync(serverFilePath(dbPath), 'utf8');
	} catch {
		return null;
	}
	try {
		const parsed = serverFileSchema.safeParse(JSON.parse(text));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Whether a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * The loopback address to reach a server listening on `host`: itself when it is a loopback name, the matching
 * loopback address when it listens on every interface, null when it listens elsewhere only (not reachable here).
 */
export function loopbackHost(host: string): string | null {
	const h = host
		.trim()
		.toLowerCase()
		.replace(/^\[|\]$/g, '');
	if (h === '' || h === '0.0.0.0' || h === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(h)) {
		return h === 'localhost' || h.startsWith('127.') ? h : '127.0.0.1';
	}
	if (h === '::' || h === '::1') return '::1';
	return null;
}

/** A request address that is this machine (IPv4, IPv6, or IPv4 mapped into IPv6). */
export function isLoopbackAddress(address: string): boolean {
	const a = address.replace(/^::ffff:/, '');
	return a === '::1' || /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** Compares a presented token with the server's in constant time. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
	if (!presented) return false;
	const a = Buffer.from(expected);
	const b = Buffer.from(presented);
	return a.length === b.length && timingSafeEqual(a, b);
}
