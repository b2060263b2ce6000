// `npm run bench -- auth [--runs R]`: what the request gate of #19 (auth/gate.ts, run by hooks.server.ts before
// every page and endpoint) costs per request: local mode (Host check only) and team mode with a session (a cached
// session, and one looked up in the database), beside a bare DuckDB `SELECT 1` of the same run. The metrics bench
// (`npm run bench -- metrics`) calls the metric functions directly, without hooks, so its figures cannot change.
import { loadavg } from 'node:os';
import { appDb } from '../src/lib/server/app-db';
import { gate } from '../src/lib/server/auth/gate';
import { forgetMode } from '../src/lib/server/auth/mode';
import { createSession } from '../src/lib/server/auth/store';
import { changeUser } from '../src/lib/server/auth/users';
import { machine, median, percentile, repeat, saveResults } from './util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function eventFor(cookie?: string) {
	const url = new URL('http://127.0.0.1:3000/api/summary');
	return {
		url,
		request: new Request(url),
		route: { id: '/api/summary' },
		locals: {},
		cookies: { get: () => cookie },
		getClientAddress: () => '127.0.0.1'
	} as never;
}

export async function main(args: string[]): Promise<void> {
	const i = args.indexOf('--runs');
	const runs = i >= 0 ? Number(args[i + 1]) : 2000;
	const dir = mkdtempSync(join(tmpdir(), 'crm-bench-auth-'));
	process.env.CRM_DB = join(dir, 'auth.duckdb');
	const db = await appDb();
	const stat = (ms: number[]) => ({ p50: +median(ms).toFixed(4), p95: +percentile(ms, 95).toFixed(4) });
	const results: Record<string, { p50: number; p95: number }> = {};
	forgetMode();
	results['local mode (no users)'] = stat(await repeat(runs, () => gate(eventFor(), '127.0.0.1')));
	await changeUser(db, { kind: 'add', name: 'bench', role: 'analyst', password: 'bench password 1' }, null);
	const token = await createSession(db, { name: 'bench', role: 'analyst' });
	forgetMode();
	results['team mode, session cached'] = stat(await repeat(runs, () => gate(eventFor(token), '127.0.0.1')));
	const misses: number[] = [];
	for (let k = 0; k < Math.min(runs, 300); k++) {
		const fresh = await createSession(db, { name: 'bench', role: 'analyst' });
		const t = performance.now();
		await gate(eventFor(fresh), '127.0.0.1');
		misses.push(performance.now() - t);
	}
	results['team mode, session looked up in DuckDB'] = stat(misses);
	results['bare DuckDB SELECT 1'] = stat(await repeat(Math.min(runs, 300), () => db.sql('SELECT 1')));
	console.log(
		`${machine()}; load average ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`
	);
	for (const [name, s] of Object.entries(results))
		console.log(`${name.padEnd(42)} p50 ${s.p50} ms  p95 ${s.p95} ms`);
	saveResults('auth', results);
	db.close();
	rmSync(dir, { recursive: true, force: true });
}
