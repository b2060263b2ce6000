import { rmSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crm } from '../../helpers/cli';
import { appDbFrom, tempDb } from '../../helpers/db';
import { KPI_CUSTOMERS, KPI_EVENTS } from './data';
import { loadFixture } from './fixture';

type Handler = (e: { url: URL }) => Promise<Response>;
const route = async (name: string): Promise<Handler> =>
	((await import(`../../../src/routes/api/${name}/+server.ts`)) as { GET: Handler }).GET;
const call = async (name: string, query: string) =>
	(await route(name))({ url: new URL(`http://x/api/${name}?${query}`) });

describe('API endpoints and CLI over the KPI fixture', () => {
	let served: Awaited<ReturnType<typeof appDbFrom>>;
	beforeAll(async () => {
		served = await appDbFrom((db) => loadFixture(db, KPI_EVENTS, KPI_CUSTOMERS));
	});
	afterAll(() => served?.release());

	it('GET /api/kpis returns an Arrow IPC stream by default and JSON with ?format=json', async () => {
		const res = await call('kpis', 'period=month&from=2024-03-01&to=2024-03-31');
		expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
		const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
		const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
		expect(rows.find((r) => r.metric === 'revenue')).toMatchObject({
			period: '2024-03-01',
			value: -100,
			change: -700,
			partial: false
		});
		const json = (await (await call('kpis', 'period=month&format=json')).json()) as { metric: string }[];
		expect(json.filter((r) => r.metric === 'new_customers')).toHaveLength(6);
	});

	it.each([
		['kpis', 'period=fortnight'],
		['kpis', 'from=yesterday'],
		['cohorts', 'mode=sideways'],
		['cohorts', 'breakdown=name'],
		['lifecycle', 'lifecycle=sleepy'],
		['csat', 'as_of=2024-13'],
		['tickets', 'period=hour'],
		['funnel', 'to=01/02/2024']
	])('GET /api/%s?%s is a 400 that names the parameter', async (name, query) => {
		await expect(call(name, query)).rejects.toMatchObject({ status: 400 });
		try {
			await call(name, query);
		} catch (e) {
			expect(String((e as { body: { message: string } }).body.message)).toMatch(
				new RegExp(query.split('=')[0]!)
			);
		}
	});

	it('every endpoint answers JSON rows', async () => {
		for (const [name, query] of [
			['cohorts', 'period=month&mode=revenue'],
			['lifecycle', 'period=month'],
			['channels', 'period=month'],
			['csat', ''],
			['tickets', 'period=month'],
			['funnel', '']
		] as const) {
			const res = await call(name, `${query}&format=json`);
			expect(res.status, name).toBe(200);
			expect(Array.isArray(await res.json()), name).toBe(true);
		}
		const cohorts = (await (await call('cohorts', 'period=month&mode=on-or-after&format=json')).json()) as {
			cohort: string | null;
			k: number;
			value: number;
		}[];
		expect(cohorts.find((c) => c.cohort === '2024-01-01' && c.k === 2)?.value).toBe(0.5);
	});
});

describe('CLI over the KPI fixture', () => {
	let path: string;
	beforeAll(async () => {
		const t = await tempDb();
		await loadFixture(t.db, KPI_EVENTS, KPI_CUSTOMERS);
		t.db.close();
		path = t.path;
	});
	afterAll(() => {
		rmSync(path, { force: true });
		rmSync(`${path}.wal`, { force: true });
	});

	it('crm kpis --json and crm cohorts --json print the same numbers; bad options exit 2 with a message', () => {
		const k = crm(['--db', path, 'kpis', '--period', 'month', '--from', '2024-06-01', '--json']);
		expect(k.status, k.stderr).toBe(0);
		const rows = JSON.parse(k.stdout) as { metric: string; value: number; complete: boolean }[];
		expect(rows.find((r) => r.metric === 'reactivated_customers')).toMatchObject({
			value: 1,
			complete: false
		});
		const c = crm(['--db', path, 'cohorts', '--period', 'month', '--mode', 'revenue', '--json']);
		expect(c.status, c.stderr).toBe(0);
		const cells = JSON.parse(c.stdout) as { cohort: string; k: number; value: number }[];
		expect(cells.find((x) => x.cohort === '2024-02-01' && x.k === 1)?.value).toBe(-0.25);
		const bad = crm(['--db', path, 'cohorts', '--mode', 'sideways']);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/--mode/);
	}, 600_000);
});
