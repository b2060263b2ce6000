#!/usr/bin/env node
// `npm start`: build the app when the build is missing or older than the sources, create the sample
// database on first run, then serve on 127.0.0.1 (HOST and PORT override).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, env = {}) => {
	const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
	if (r.status !== 0) process.exit(r.status ?? 1);
};

function newestMtime(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
	}
	return newest;
}

const buildMarker = join(root, 'build', 'index.js');
const sourcesChanged =
	!existsSync(buildMarker) ||
	Math.max(...['src', 'queries', 'static'].map((d) => newestMtime(join(root, d)))) >
		statSync(buildMarker).mtimeMs;
if (sourcesChanged) {
	console.log('building the dashboard ...');
	run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

const dbPath = process.env.CRM_DB ? resolve(process.env.CRM_DB) : join(root, 'datasets', 'crm.duckdb');
if (!existsSync(dbPath)) {
	console.log(`no database at ${dbPath}: generating the sample data (crm demo) ...`);
	run(process.execPath, [join(root, 'bin', 'crm.js'), 'demo'], { CRM_DB: dbPath });
}

const env = {
	...process.env,
	HOST: process.env.HOST ?? '127.0.0.1',
	PORT: process.env.PORT ?? '3000',
	// the same as BODY_LIMIT_BYTES in src/lib/server/api/bounds.ts: a 100,000-id list fits
	BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT ?? '4M',
	CRM_DB: dbPath
};
console.log(`serving on http://${env.HOST}:${env.PORT}/`);
const server = spawn(process.execPath, [join(root, 'build', 'index.js')], {
	cwd: root,
	stdio: 'inherit',
	env
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
