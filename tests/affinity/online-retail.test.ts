import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { ingestFile } from '../../src/lib/server/ingest';
import { affinityPairs, type AffinityPair } from '../../src/lib/server/affinity/pairs';
import { sharedDatasets, tempDb } from '../helpers/db';

const shared = sharedDatasets();
if (!shared)
	console.log('tests/affinity/online-retail: ../shared/datasets is absent; skipping the affinity check');

const MIN = 10;

/**
 * The same statistics computed apart from the app: orders read from the Parquet file itself (invoice = order; C
 * invoices are cancellations, A adjustments; lines without a customer are not loaded), pairs counted in JS.
 */
async function independentTop(db: Database, file: string, n: number): Promise<Partial<AffinityPair>[]> {
	const orders = await db.sql<{ items: string[] }>(
		`SELECT list(DISTINCT trim(stock_code)) AS items FROM read_parquet($file)
		 WHERE customer_id IS NOT NULL AND invoice NOT LIKE 'C%' AND invoice NOT LIKE 'A%' AND quantity >= 0
			AND trim(stock_code) <> ''
		 GROUP BY invoice`,
		{ file }
	);
	const count = new Map<string, number>();
	for (const o of orders) for (const i of o.items) count.set(i, (count.get(i) ?? 0) + 1);
	const names = [...count.keys()].filter((k) => count.get(k)! >= MIN).sort();
	const index = new Map(names.map((k, i) => [k, i]));
	const together = new Map<number, number>();
	for (const o of orders) {
		const keys = o.items
			.map((i) => index.get(i))
			.filter((k): k is number => k !== undefined)
			.sort((a, b) => a - b);
		for (let x = 0; x < keys.length; x++)
			for (let y = x + 1; y < keys.length; y++) {
				const key = keys[x]! * names.length + keys[y]!;
				together.set(key, (together.get(key) ?? 0) + 1);
			}
	}
	const total = orders.length;
	const rows: Partial<AffinityPair>[] = [];
	for (const [key, ab] of together) {
		if (ab < MIN) continue;
		const a = names[Math.floor(key / names.length)]!;
		const b = names[key % names.length]!;
		const na = count.get(a)!;
		const nb = count.get(b)!;
		rows.push({
			item_a: a,
			item_b: b,
			orders_ab: ab,
			orders_a: na,
			orders_b: nb,
			orders_total: total,
			support: ab / total,
			confidence_ab: ab / na,
			confidence_ba: ab / nb,
			lift: (ab * total) / (na * nb)
		});
	}
	const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
	rows.sort(
		(x, y) =>
			y.lift! - x.lift! ||
			y.orders_ab! - x.orders_ab! ||
			cmp(x.item_a!, y.item_a!) ||
			cmp(x.item_b!, y.item_b!)
	);
	return rows.slice(0, n);
}

describe.skipIf(!shared)('affinity on Online Retail II (../shared/datasets)', () => {
	let db: Database;
	let cleanup: () => void;
	const file = join(shared ?? '', 'online_retail', 'online_retail_ii.parquet');
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await ingestFile(db, file, { preset: 'online-retail' });
	}, 900_000);
	afterAll(() => cleanup());

	it('the top 100 product pairs by lift equal an independent count from the file, exactly', async () => {
		const mine = await affinityPairs(db, { minOrders: MIN, limit: 100 });
		const theirs = await independentTop(db, file, 100);
		expect(mine).toHaveLength(100);
		const picked = mine.map((p) => ({
			item_a: p.item_a,
			item_b: p.item_b,
			orders_ab: p.orders_ab,
			orders_a: p.orders_a,
			orders_b: p.orders_b,
			orders_total: p.orders_total,
			support: p.support,
			confidence_ab: p.confidence_ab,
			confidence_ba: p.confidence_ba,
			lift: p.lift
		}));
		expect(picked).toEqual(theirs);
	}, 300_000);

	it('shows product names from the data (Description) beside the codes', async () => {
		const [top] = await affinityPairs(db, { minOrders: MIN, sort: 'orders', limit: 1 });
		const names = await db.sql<{ name: string }>(
			`SELECT description AS name FROM read_parquet($file) WHERE trim(stock_code) = $code AND description IS NOT NULL
			 GROUP BY description ORDER BY count(*) DESC, description LIMIT 1`,
			{ file, code: top!.item_a }
		);
		expect(top!.name_a).toBe(names[0]!.name);
	});
});
