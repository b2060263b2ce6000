import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { boughtANotBRule, pairCustomers } from '../../src/lib/server/affinity/pair-rule';
import { previewList } from '../../src/lib/server/lists/preview';
import { tempDb } from '../helpers/db';
import { insertLines, type Line } from './helpers';

// c0..c5 buy A (c0..c1 also B, in another order); c6 buys B only; c7 bought A only in a refunded order.
// By hand: bought A and not B = c2..c5 = 4; both = 2; for categories (A: home, B: toys) the same.
const LINES: Line[] = [
	...[0, 1, 2, 3, 4, 5].map((i): Line => [`o${i}`, `c${i}`, 'A', 'home']),
	['o10', 'c0', 'B', 'toys'],
	['o11', 'c1', 'B', 'toys'],
	['o12', 'c6', 'B', 'toys'],
	['o13', 'c7', 'A', 'home', 'refund'],
	['o14', 'c7', 'C', 'toys']
];

describe('customers who bought A and not B, and the list rule that saves them', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await insertLines(db, LINES);
		await refreshDerived(db);
	}, 120_000);
	afterAll(() => cleanup());

	it('counts them by hand, and the rule preview gives the same count', async () => {
		expect(await pairCustomers(db, 'product', 'A', 'B')).toEqual({ a_not_b: 4, both: 2 });
		expect((await previewList(db, boughtANotBRule('product', 'A', 'B'), 0)).members).toBe(4);
		expect(await pairCustomers(db, 'category', 'home', 'toys')).toEqual({ a_not_b: 4, both: 2 });
		expect((await previewList(db, boughtANotBRule('category', 'home', 'toys'), 0)).members).toBe(4);
	});

	it('"recommended product is X" and "has bought product X" are list rule fields', async () => {
		const bought = await previewList(db, { field: 'products_bought', op: 'contains', value: 'B' }, 0);
		expect(bought.members).toBe(3);
		const [row] = await db.sql<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM recommendation WHERE product_id = 'B'`
		);
		const rec = await previewList(db, { field: 'recommended_products', op: 'contains', value: 'B' }, 0);
		expect(rec.members).toBe(row!.n);
	});
});
