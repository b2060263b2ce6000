import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';

/** The repository root (tests/e2e/helpers -> ../../..). */
export const root = resolve(import.meta.dirname, '..', '..', '..');

function newestMtime(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

function buildIsCurrent(): boolean {
	const marker = join(root, 'build', 'index.js');
	const sources = Math.max(
		newestMtime(join(root, 'src')),
		newestMtime(join(root, 'queries')),
		newestMtime(join(root, 'static'))
	);
	return existsSync(marker) && statSync(marker).mtimeMs > sources;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the production app (`npx vite build`) unless build/ is newer than src/, queries/ and static/. Test files
 * that run at the same time take turns (a lock folder), so only one of them builds.
 */
export function ensureBuild(log: (msg: string) => void = () => undefined): void {
	if (buildIsCurrent()) return;
	const lock = join(root, 'tests', '.tmp', 'build.lock');
	mkdirSync(dirname(lock), { recursive: true });
	for (;;) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// a build left behind by a killed run is not waited for
			const held = statSync(lock, { throwIfNoEntry: false });
			if (held && Date.now() - held.mtimeMs > 600_000) rmSync(lock, { recursive: true, force: true });
			sleep(500);
		}
	}
	try {
		if (buildIsCurrent()) return;
		log('building the production app (npx vite build) ...');
		const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
		if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * A fresh sample database from the demo generator in tests/.tmp; returns its path and a cleanup. `more`: further
 * `crm demo` options (e.g. --campaigns 1).
 */
export function demoDatabase(
	customers: number,
	seed = 7,
	more: string[] = []
): { path: string; cleanup: () => void } {
	const dir = join(root, 'tests', '.tmp', `e2e-${randomUUID()}`);
	mkdirSync(dir, { recursive: true });
	const path = join(dir, 'crm.duckdb');
	const r = spawnSync(
		process.execPath,
		[join(root, 'bin', 'crm.js'), 'demo', '--customers', String(customers), '--seed', String(seed), ...more],
		{ cwd: root, encoding: 'utf8', env: { ...process.env, CRM_DB: path } }
	);
	if (r.status !== 0) throw new Error(`crm demo failed:\n${r.stdout}\n${r.stderr}`);
	return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort(): Promise<number> {
	return new Promise((resolvePort, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolvePort(port));
		});
	});
}

export interface RunningApp {
	base: string;
	process: ChildProcess;
	output: () => string;
	stop: () => Promise<void>;
}

/** Starts `node build/index.js` on 127.0.0.1 and a free port against `dbPath`; resolves when `readyPath` answers. */
export async function startApp(
	dbPath: string,
	timeoutMs = 60_000,
	// what answers 200 once it serves (in team mode, #19, only the login page does without a session)
	readyPath = '/api/customers?format=json&page_size=1'
): Promise<RunningApp> {
	const port = await freePort();
	const child = spawn(process.execPath, [join(root, 'build', 'index.js')], {
		cwd: root,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), CRM_DB: dbPath },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
	child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${out}`);
		try {
			const res = await fetch(`${base}${readyPath}`);
			if (res.ok) break;
		} catch {
			/* not listening yet */
		}
		if (Date.now() > deadline) {
			child.kill();
			throw new Error(`the app did not answer on ${base} within ${timeoutMs} ms:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	return {
		base,
		process: child,
		output: () => out,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			})
	};
}
