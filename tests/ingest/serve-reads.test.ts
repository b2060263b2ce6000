/**
 * Reads while the server loads a file: a larger file is handed to the running server (crm ingest), and meanwhile
 * the API (/api/summary: customers and orders from the customer summary) and a page (/data: the database's
 * customer and interaction counts, server-rendered) are read again and again. Every answer is the data before the
 * file or after it, never a state in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Database } from '../../src/lib/server/db';
import { crmAsync } from '../helpers/cli';
import { tmpRoot } from '../helpers/db';
import { demoDatabase, ensureBuild, startApp, type RunningApp } from '../e2e/helpers/app';

const ROWS = 50_000;
const NEW_CUSTOMERS = 1_000;

let app: RunningApp;
let db: { path: string; cleanup: () => void };
let file: string;

beforeAll(async () => {
	ensureBuild((m) => console.log(m));
	db = demoDatabase(200, 13);
	const dir = join(tmpRoot, `reads-${randomUUID()}`);
	mkdirSync(dir, { recursive: true });
	file = join(dir, 'big.csv');
	const scratch = await Database.open({ path: ':memory:' });
	await scratch.exec(
		`COPY (SELECT 'big-' || (i % ${NEW_CUSTOMERS}) AS customer_id,
			TIMESTAMP '2025-01-01' + to_seconds(i * 53 % 28000000) AS occurred_at, 1000 + i % 5000 AS amount
		 FROM range(${ROWS}) t(i)) TO $file (HEADER)`,
		{ file }
	);
	scratch.close();
	app = await startApp(db.path);
}, 300_000);

afterAll(async () => {
	await app?.stop();
	db?.cleanup();
});

interface Seen {
	summary: string;
	page: string;
	phase: string;
}

async function summaryCounts(): Promise<string> {
	const rows = (await (await fetch(`${app.base}/api/summary?format=json`)).json()) as {
		customers: number;
		orders: number;
	}[];
	return `${rows[0]!.customers}/${rows[0]!.orders}`;
}

async function pageCounts(): Promise<string> {
	const html = await (await fetch(`${app.base}/data`)).text();
	const count = (id: string) => html.match(new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`))?.[1] ?? '?';
	return `${count('data-count-customers')}/${count('data-count-interactions')}`;
}

async function phase(): Promise<string> {
	const jobs = (await (await fetch(`${app.base}/api/ingest/jobs`)).json()) as { phase: string }[];
	return jobs[0]?.phase ?? 'none';
}

describe('reads during an ingest', () => {
	it('see the data before the file or after it, never between', { timeout: 240_000 }, async () => {
		const before = { summary: await summaryCounts(), page: await pageCounts() };
		const loading = crmAsync(['--db', db.path, 'ingest', file, '--json']);
		let finished = false;
		void loading.then(() => (finished = true));
		const seen: Seen[] = [];
		while (!finished) {
			const [summary, page, p] = await Promise.all([summaryCounts(), pageCounts(), phase()]);
			seen.push({ summary, page, phase: p });
			await new Promise((r) => setTimeout(r, 20));
		}
		const r = await loading;
		expect(r.status, r.stderr).toBe(0);
		expect(JSON.parse(r.stdout)).toMatchObject({ rows_read: ROWS, rows_loaded: ROWS });
		const after = { summary: await summaryCounts(), page: await pageCounts() };
		expect(after.summary).not.toBe(before.summary);
		expect(after.page).not.toBe(before.page);

		// the reads ran while the server was reading, writing and refreshing the file
		const during = seen.filter((s) => ['reading', 'writing', 'refreshing'].includes(s.phase));
		expect(during.length).toBeGreaterThan(5);
		// and saw both states: reads were answered while the file loaded, not held until it was in
		expect(seen.some((s) => s.page === before.page) && seen.some((s) => s.page === after.page)).toBe(true);
		for (const s of seen) {
			expect([before.summary, after.summary]).toContain(s.summary);
			expect([before.page, after.page]).toContain(s.page);
		}
	});
});
