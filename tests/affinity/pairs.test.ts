import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { affinityPairs } from '../../src/lib/server/affinity/pairs';
import { tempDb } from '../helpers/db';
import { insertLines, type Line } from './helpers';

// By hand: 25 orders, A in 15, B in 15, C in 10; A and B together in 10, A and C in 5, B and C in none (the six
// refunded B+C orders are not orders). N = 25.
//   A-B: support 10/25, confidence A->B 10/15, B->A 10/15, lift 10*25/(15*15) = 250/225,
//        chi-square 25 * (10*25 - 15*15)^2 / (15*15*10*10) = 15625/22500
//   A-C: support 5/25, confidence A->C 5/15, C->A 5/10, lift 125/150
function constructed(): Line[] {
	const lines: Line[] = [];
	let n = 0;
	const order = (customer: string, products: string[], type = 'purchase') => {
		n += 1;
		for (const p of products) lines.push([`o${n}`, customer, p, p === 'A' ? 'home' : 'toys', type]);
	};
	for (let i = 0; i < 10; i++) order(`c${i % 4}`, ['A', 'B']);
	for (let i = 0; i < 5; i++) order(`c${i % 3}`, ['A', 'C']);
	for (let i = 0; i < 5; i++) order(`c${5 + i}`, ['B']);
	for (let i = 0; i < 5; i++) order(`c${5 + i}`, ['C']);
	for (let i = 0; i < 6; i++) order('c9', ['B', 'C'], 'refund');
	return lines;
}

describe('affinity pairs on a case counted by hand', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await insertLines(db, constructed());
		await refreshDerived(db);
	}, 120_000);
	afterAll(() => cleanup());

	it('gives the support, confidence both ways, lift and chi-square of each pair', async () => {
		const pairs = await affinityPairs(db, { minOrders: 5 });
		expect(pairs.map((p) => [p.item_a, p.item_b])).toEqual([
			['A', 'B'],
			['A', 'C']
		]);
		const [ab, ac] = pairs;
		expect(ab).toMatchObject({ orders_ab: 10, orders_a: 15, orders_b: 15, orders_total: 25 });
		expect(ab!.support).toBeCloseTo(0.4, 12);
		expect(ab!.confidence_ab).toBeCloseTo(10 / 15, 12);
		expect(ab!.confidence_ba).toBeCloseTo(10 / 15, 12);
		expect(ab!.lift).toBeCloseTo(250 / 225, 12);
		expect(ab!.chi_square).toBeCloseTo(15625 / 22500, 12);
		expect(ac).toMatchObject({ orders_ab: 5, orders_a: 15, orders_b: 10 });
		expect(ac!.confidence_ab).toBeCloseTo(5 / 15, 12);
		expect(ac!.confidence_ba).toBeCloseTo(0.5, 12);
		expect(ac!.lift).toBeCloseTo(125 / 150, 12);
	});

	it('the minimum-count guard drops pairs seen in fewer orders', async () => {
		expect((await affinityPairs(db, { minOrders: 6 })).map((p) => p.item_b)).toEqual(['B']);
	});

	it('categories pair at order level too (home = A, toys = B or C)', async () => {
		const [p] = await affinityPairs(db, { level: 'category', minOrders: 5 });
		// home (A) in 15 orders, toys (B or C) in all 25, both in 15: lift 1, and no chi-square (toys has no 'not')
		expect(p).toMatchObject({ item_a: 'home', item_b: 'toys', orders_ab: 15, orders_a: 15, orders_b: 25 });
		expect(p!.lift).toBe(1);
		expect(p!.chi_square).toBeNull();
	});

	it('per segment, the counts are those of the orders of the segment customers', async () => {
		const segments = await db.sql<{ customer_id: string; rfm_segment: string }>(
			'SELECT customer_id, rfm_segment FROM segment_customer'
		);
		const seg = new Map(segments.map((r) => [r.customer_id, r.rfm_segment]));
		const orders = new Map<string, { customer: string; items: Set<string> }>();
		for (const [o, c, p, , type] of constructed()) {
			if (type === 'refund') continue;
			const e = orders.get(o) ?? { customer: c, items: new Set<string>() };
			e.items.add(p);
			orders.set(o, e);
		}
		const segmentOf = seg.get('c0')!;
		const mine = [...orders.values()].filter((o) => seg.get(o.customer) === segmentOf);
		const both = mine.filter((o) => o.items.has('A') && o.items.has('B')).length;
		const rows = await affinityPairs(db, { segment: segmentOf, minOrders: 5 });
		const ab = rows.find((r) => r.item_a === 'A' && r.item_b === 'B');
		if (both >= 5) {
			expect(ab).toMatchObject({ orders_ab: both, orders_total: mine.length });
		} else expect(ab).toBeUndefined();
	});
});
