import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrowRows } from '../../src/lib/server/api/arrow';
import { appDb } from '../../src/lib/server/app-db';
import { createCampaign } from '../../src/lib/server/campaigns/campaigns';
import { launchCampaign } from '../../src/lib/server/campaigns/launch';
import { addGoal } from '../../src/lib/server/goals/store';
import { saveList } from '../../src/lib/server/lists/saved';
import { demoAppDb } from '../helpers/db';

/**
 * Every endpoint that answers rows (src/routes/api/**\/+server.ts calling rowsResponse), generated from the route
 * list: on the demo database it answers rows, its Arrow answer has exactly the keys of its JSON answer as columns,
 * in the same order, and decodes (api/arrow.ts arrowRows) to the same values. The columns come from the rows the server function returns (its declared row
 * type), so a column added to the SQL and the type reaches both answers; there is no list to forget it in.
 */
const API = join(process.cwd(), 'src', 'routes', 'api');

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) return routeFiles(p);
		return name === '+server.ts' ? [p] : [];
	});
}

/** A JSON value as the Arrow answer carries it (the client's Wire type): a list or object as JSON text, absent as null. */
const wire = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : (v ?? null));

type Handler = (event: unknown) => Response | Promise<Response>;

/**
 * Endpoints with no rows on the demo data, and why (their columns are checked by their own tests on data that has
 * them: tests/affinity on Online Retail II).
 */
const EMPTY_ON_DEMO: Record<string, string> = {
	affinity: "the demo's orders hold one product each: no pairs",
	'customer/[id]/recommendations': 'no pairs, so nothing to recommend'
};

/** Query strings that make an endpoint answer rows on the demo data (the defaults do for the others). */
const QUERY: Record<string, string> = {
	migration: 'from=2024-01-01&to=2024-12-31'
};

describe('rows endpoints: the Arrow columns are the JSON keys (demo, 400 customers)', () => {
	let served: Awaited<ReturnType<typeof demoAppDb>>;
	const routes: { path: string; GET: Handler }[] = [];
	let customerId = '1';
	/** The id a route's [id] stands for: a customer's, or a campaign's (one launched on the demo data below). */
	const ids: Record<string, string> = {};
	beforeAll(async () => {
		served = await demoAppDb(400);
		const db = await appDb();
		const [row] = await db.sql<{ id: string }>(
			`SELECT CAST(customer_id AS VARCHAR) AS id FROM customer_summary WHERE orders > 1 ORDER BY customer_id LIMIT 1`
		);
		customerId = row!.id;
		await saveList(db, { name: 'columns-buyers', rule: { field: 'orders', op: '>=', value: 1 } });
		const [last] = await db.sql<{ d: string }>(
			`SELECT strftime(max(occurred_at) - INTERVAL 30 DAY, '%Y-%m-%d') AS d FROM interactions`
		);
		const campaign = await createCampaign(db, {
			name: 'columns',
			list: 'columns-buyers',
			channel: 'email',
			sendDate: last!.d,
			holdoutShare: 0.2
		});
		await launchCampaign(db, campaign.campaignId);
		ids['campaigns/[id]'] = String(campaign.campaignId);
		await addGoal(db, {
			kpi: 'revenue',
			target: 1e6,
			direction: 'increase',
			start_date: last!.d,
			deadline: '2099-12-31'
		});
		for (const file of routeFiles(API)) {
			if (!readFileSync(file, 'utf8').includes('rowsResponse(')) continue;
			const path = relative(API, join(file, '..')).split('\\').join('/');
			const mod = (await import(file)) as { GET?: Handler };
			if (mod.GET) routes.push({ path, GET: mod.GET });
		}
	}, 180_000);
	afterAll(() => served?.release());

	async function get(path: string, format: 'json' | 'arrow'): Promise<Response> {
		const id = ids[path] ?? customerId;
		const query = [QUERY[path], format === 'json' ? 'format=json' : ''].filter(Boolean).join('&');
		const url = new URL(`http://127.0.0.1/api/${path.replace('[id]', id)}?${query}`);
		const route = routes.find((r) => r.path === path)!;
		return route.GET({ url, params: { id }, request: new Request(url), locals: {} });
	}

	it('finds the rows endpoints', () => {
		expect(routes.length).toBeGreaterThanOrEqual(25);
	});

	it('each answers rows whose Arrow columns equal the JSON keys, in order', async () => {
		const problems: string[] = [];
		for (const { path } of routes) {
			const json = (await (await get(path, 'json')).json()) as Record<string, unknown>[];
			const ipc = new Uint8Array(await (await get(path, 'arrow')).arrayBuffer());
			const table = tableFromIPC(ipc);
			const columns = table.schema.fields.map((f) => f.name);
			if (json.length === 0 && EMPTY_ON_DEMO[path]) continue;
			if (json.length === 0) {
				problems.push(`${path}: no rows on the demo data`);
				continue;
			}
			// every key of every row, in the order they first appear (the rows of /api/models/validation's series
			// differ: each leaves out what it does not have, and the Arrow answer has null there)
			const keys = [...new Set(json.flatMap((r) => Object.keys(r)))];
			if (keys.join() !== columns.join())
				problems.push(`${path}: JSON ${keys.join()} != Arrow ${columns.join()}`);
			const decoded = arrowRows<Record<string, unknown>>(ipc);
			const differ = json.findIndex((r, i) => keys.some((k) => !Object.is(wire(r[k]), decoded[i]?.[k])));
			if (differ >= 0) problems.push(`${path}: row ${differ} differs: ${JSON.stringify(json[differ])}`);
			if (table.numRows !== json.length)
				problems.push(`${path}: ${table.numRows} Arrow rows, ${json.length} JSON`);
		}
		expect(problems).toEqual([]);
	}, 300_000);
});
