import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshMetrics } from '../../../src/lib/server/metrics';
import { crm } from '../../helpers/cli';
import { appDbFrom, tmpRoot } from '../../helpers/db';
import { loadCustomers, loadInteractions } from './fixtures';
import { HAND_CUSTOMERS, HAND_INTERACTIONS } from './hand-fixture';

type Handler = (e: { url: URL }) => Promise<Response>;
const call = async (name: string, query: string) => {
	const mod = (await import(`../../../src/routes/api/${name}/+server.ts`)) as { GET: Handler };
	return mod.GET({ url: new URL(`http://x/api/${name}?${query}`) });
};
const arrowRows = async (res: Response) =>
	tableFromIPC(new Uint8Array(await res.arrayBuffer()))
		.toArray()
		.map((r) => r.toJSON() as Record<string, unknown>);

describe('metrics core API endpoints and CLI (hand fixture)', () => {
	let served: Awaited<ReturnType<typeof appDbFrom>>;
	let cliPath: string; // a copy: the CLI cannot open the file the API's appDb() holds
	beforeAll(async () => {
		served = await appDbFrom(async (db) => {
			await loadCustomers(db, HAND_CUSTOMERS);
			await loadInteractions(db, HAND_INTERACTIONS);
			await refreshMetrics(db);
		});
		cliPath = `${served.path}.cli.duckdb`;
		copyFileSync(served.path, cliPath);
	});
	afterAll(async () => {
		await served?.release();
		rmSync(cliPath, { force: true });
		rmSync(`${cliPath}.wal`, { force: true });
	});

	it('GET /api/summary: Arrow by default, JSON with ?format=json', async () => {
		const res = await call('summary', '');
		expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		expect((await arrowRows(res))[0]).toMatchObject({ as_of: '2025-04-01', customers: 8, net_revenue: 1155 });
		const json = (await (
			await call('summary', 'format=json&region=H%C3%A0%20N%E1%BB%99i')
		).json()) as unknown[];
		expect(json).toEqual([expect.objectContaining({ customers: 4, net_revenue: 315 })]);
	});

	it('GET /api/rfm-grid, /api/segments and /api/rfm', async () => {
		const grid = await arrowRows(await call('rfm-grid', ''));
		expect(grid).toHaveLength(25);
		expect(grid.find((c) => c.r_score === 1 && c.f_score === 3)).toMatchObject({
			customers: 1,
			net_revenue: 300
		});
		const segs = (await (await call('segments', 'format=json')).json()) as {
			segment: string;
			customers: number;
		}[];
		expect(segs.find((s) => s.segment === 'new_customers')?.customers).toBe(2);
		const rfm = await call('rfm', 'format=json&limit=2&offset=1');
		expect(rfm.headers.get('x-as-of')).toBe('2025-04-01');
		expect(((await rfm.json()) as { customer_id: string }[]).map((r) => r.customer_id)).toEqual(['B', 'C']);
		const fixed = (await (
			await call('rfm', 'format=json&method=fixed&r_cuts=15,30,60,90&f_cuts=2,3,4,5&m_cuts=50,100,200,400')
		).json()) as { customer_id: string; rfm_cell: string }[];
		expect(fixed.find((r) => r.customer_id === 'G')?.rfm_cell).toBe('234');
	});

	it.each([
		['summary', 'as_of=2025-13-01', 'as_of'],
		['summary', 'from=2025-03-01&to=2025-02-01', 'from'],
		['rfm-grid', 'lifecycle=sleepy', 'lifecycle'],
		['segments', 'method=fixed&r_cuts=1,2,3', 'r_cuts'],
		['segments', 'method=fixed', 'method'],
		['rfm', 'limit=0', 'limit'],
		['rfm', 'r_cuts=90,60,30,15&method=fixed&f_cuts=1,2,3,4&m_cuts=1,2,3,4', 'ascending']
	])('GET /api/%s?%s is a 400 that names the problem', async (name, query, word) => {
		try {
			await call(name, query);
			expect.unreachable('expected a 400');
		} catch (e) {
			expect((e as { status: number }).status).toBe(400);
			expect(String((e as { body: { message: string } }).body.message)).toContain(word);
		}
	});

	it('crm summary --json and crm rfm --csv --out FILE', () => {
		const s = crm(['--db', cliPath, 'summary', '--json']);
		expect(s.stderr).toBe('');
		expect(JSON.parse(s.stdout)).toMatchObject({ as_of: '2025-04-01', orders: 12, net_revenue: 1155 });
		const out = join(tmpRoot, `rfm-${process.pid}.csv`);
		const r = crm(['--db', cliPath, 'rfm', '--as-of', '2025-03-01', '--csv', '--out', out]);
		expect(r.status).toBe(0);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		rmSync(out, { force: true });
		expect(lines[0]).toBe(
			'customer_id,recency_days,orders,net_revenue,r_score,f_score,m_score,rfm_cell,rfm_segment,lifecycle_stage,last_purchase_at'
		);
		// as of 2025-03-01: A, B, C, G bought; B last bought 2025-02-10 (recency 19), 2 orders, 400
		expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A', 'B', 'C', 'G']);
		expect(lines[2]).toMatch(/^B,19,2,400,/);
		const bad = crm(['--db', cliPath, 'rfm', '--as-of', 'yesterday']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/--as-of: expected a date as YYYY-MM-DD/);
	}, 240_000);
});
