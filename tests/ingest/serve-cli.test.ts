/**
 * `crm ingest` while the server runs: the built server (node build/index.js) owns a temp database and announces
 * itself in <db>.server.json; the real CLI hands it the file, shows progress on stderr and prints the same report
 * as a local ingest; the server's API then has the new rows. The server's POST endpoints refuse other origins and
 * file paths without the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { crmAsync as crm } from '../helpers/cli';
import { demoDatabase, ensureBuild, startApp, type RunningApp } from '../e2e/helpers/app';
import { removeTempFiles, tempFile } from './helpers';

let app: RunningApp;
let db: { path: string; cleanup: () => void };

beforeAll(async () => {
	ensureBuild((m) => console.log(m));
	db = demoDatabase(200, 11);
	app = await startApp(db.path);
}, 300_000);

afterAll(async () => {
	await app?.stop();
	db?.cleanup();
	removeTempFiles();
});

interface Summary {
	customers: number;
	orders: number;
}
async function summary(): Promise<Summary> {
	const res = await fetch(`${app.base}/api/summary?format=json`);
	return ((await res.json()) as Summary[])[0]!;
}

describe('crm ingest while the server runs', () => {
	it('the server file names the server, readable by its user only', () => {
		const file = `${db.path}.server.json`;
		expect(existsSync(file)).toBe(true);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		const info = JSON.parse(readFileSync(file, 'utf8')) as { port: number; pid: number; token: string };
		expect(app.base).toBe(`http://127.0.0.1:${info.port}`);
		expect(info.pid).toBe(app.process.pid);
		expect(info.token).toMatch(/^[0-9a-f]{64}$/);
	});

	it('hands the file to the server: exit 0, the same report, and the API has the new rows', async () => {
		const before = await summary();
		const file = tempFile(
			'new-customers.csv',
			'customer_id,occurred_at,amount\nsrv-1,2025-12-01 10:00,120000\nsrv-2,2025-12-02,80000\nsrv-2,2025-12-03,x\n'
		);
		const r = await crm(
			['--db', db.path, 'ingest', file, '--json', '--decimal', ',', '--date-format', 'yyyy-mm-dd'],
			{},
			120_000
		);
		expect(r.status, r.stderr).toBe(0);
		const report = JSON.parse(r.stdout) as Record<string, unknown>;
		expect(report).toMatchObject({
			file,
			kind: 'interactions',
			preset: 'generic',
			format: 'csv',
			rows_read: 3,
			rows_loaded: 2,
			rows_quarantined: 1,
			reasons: { 'non-numeric amount': 1 },
			columns: { customer_id: 'customer_id', occurred_at: 'occurred_at', amount: 'amount' },
			// the options reached the server's job
			formats: { decimal: ',', number_by: 'option', dates: 'yyyy-mm-dd', dates_by: 'option' }
		});
		expect(typeof report.ingest_id).toBe('number');
		expect(Object.keys(report).sort()).toEqual(
			[
				'columns',
				'duration_ms',
				'file',
				'format',
				'formats',
				'ingest_id',
				'kind',
				'preset',
				'reasons',
				// the derived entries the refresh after the rows rebuilt
				'refreshed',
				'rows_loaded',
				'rows_quarantined',
				'rows_read'
			].sort()
		);
		// progress on stderr (not a terminal here: a plain line per step), nothing but the report on stdout
		expect(r.stderr).toMatch(/has the database open; it loads the files/);
		expect(r.stderr).toMatch(/new-customers\.csv: (reading|writing|refreshing) · .*\d+\.\d s/);
		const after = await summary();
		expect(after.customers).toBe(before.customers + 2);
		expect(after.orders).toBe(before.orders + 2);

		// the same file again: skipped, as a local ingest says
		const again = await crm(['--db', db.path, 'ingest', file, '--json']);
		expect(again.status).toBe(0);
		expect((JSON.parse(again.stdout) as { skipped?: string }).skipped).toMatch(/^already ingested/);
	});

	it('a file the server cannot read: exit 1 with the reason, nothing written', async () => {
		const before = await summary();
		const file = tempFile('nodates.csv', 'customer_id,total\nq1,5\n');
		const r = await crm(['--db', db.path, 'ingest', file]);
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/crm ingest: .*no column for 'occurred_at'; found: 'customer_id', 'total'/);
		expect(r.stdout).toBe('');
		expect(await summary()).toEqual(before);
	});

	it('refuses other origins and file paths without the token', async () => {
		const crossOrigin = await fetch(`${app.base}/api/ingest/jobs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: 'http://attacker.example' },
			body: JSON.stringify({ upload: { name: 'x.csv', size: 10 } })
		});
		expect(crossOrigin.status).toBe(403);
		// text/plain is not covered by SvelteKit's form check; ours covers it
		const plain = await fetch(`${app.base}/api/ingest/jobs`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
			body: JSON.stringify({ upload: { name: 'x.csv', size: 10 } })
		});
		expect(plain.status).toBe(403);
		const noToken = await fetch(`${app.base}/api/ingest/jobs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ path: '/etc/hostname' })
		});
		expect(noToken.status).toBe(403);
		const wrongToken = await fetch(`${app.base}/api/ingest/jobs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${'0'.repeat(64)}` },
			body: JSON.stringify({ path: '/etc/hostname' })
		});
		expect(wrongToken.status).toBe(403);
		const tooLarge = await fetch(`${app.base}/api/ingest/jobs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.base },
			body: JSON.stringify({ upload: { name: 'x.csv', size: 10 * 1024 ** 4 } })
		});
		expect(tooLarge.status).toBe(413);
		expect(((await tooLarge.json()) as { message: string }).message).toMatch(/accepts files up to \d+ bytes/);
	});

	it('the server file is removed when the server stops, and crm ingest then opens the database itself', async () => {
		await app.stop();
		expect(existsSync(`${db.path}.server.json`)).toBe(false);
		const file = tempFile('after.csv', 'customer_id,occurred_at,amount\nsrv-9,2025-12-05,1000\n');
		const r = await crm(['--db', db.path, 'ingest', file, '--json', '--no-refresh']);
		expect(r.status, r.stderr).toBe(0);
		expect(r.stderr).not.toMatch(/it loads the files/);
		expect((JSON.parse(r.stdout) as { rows_loaded: number }).rows_loaded).toBe(1);
	});
});
