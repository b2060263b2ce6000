import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { recommendations } from '../../src/lib/server/affinity/recommend';
import { checkRecommendations } from '../../src/lib/server/affinity/holdout';
import { tempDb } from '../helpers/db';
import { insertLines, type Line } from './helpers';

// 30 customers buy A and B together in their first order; customers b0..b9 then buy C and D together. Counted
// by hand: P(B|A) = 30/30; P(C|A) = 0; for a customer who bought A only, B is the one product with a score (1).
// Customer x bought A alone (5 orders) and C with D in 10 of 40 orders: P(D|C) = 10/10, P(B|C) = 0.
function lines(): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < 30; i++) {
		out.push([`o${i}`, `a${i}`, 'A', 'x'], [`o${i}`, `a${i}`, 'B', 'x']);
		if (i < 10) out.push([`o${100 + i}`, `a${i}`, 'C', 'y'], [`o${100 + i}`, `a${i}`, 'D', 'y']);
	}
	for (let i = 0; i < 5; i++) out.push([`o${200 + i}`, 'solo', 'A', 'x']);
	return out;
}

describe('next product per customer, item to item', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await insertLines(db, lines());
		await refreshDerived(db);
	}, 120_000);
	afterAll(() => cleanup());

	it('scores what they have not bought by the confidence from what they bought', async () => {
		// solo bought A only: B scores P(B|A) = 30/35 (A is in 35 orders), C and D never with A
		const solo = await recommendations(db, 'solo');
		expect(solo.map((r) => r.product_id)).toEqual(['B']);
		expect(solo[0]!.score).toBeCloseTo(30 / 35, 12);
		// a20 bought A and B: nothing pairs with them that they lack (C and D are never with A or B in one order)
		expect(await recommendations(db, 'a20')).toEqual([]);
		// what a customer bought is never recommended
		const a0 = await recommendations(db, 'a0');
		expect(a0.map((r) => r.product_id)).not.toContain('A');
	});
});

// The holdout check, counted by hand: a0..a29 buy A and B in one order; c0..c9 buy A, then B in a later order
// (hidden); e0..e499 buy one of E1..E10 in one order (50 orders each: the ten most popular products). Trained
// without the hidden orders, P(B|A) = 30/40, so item to item puts B first for every c: 10 hits of 10; popularity
// offers E1..E10 (none bought by c) and B only 11th: no hit at 5 or 10. Only c0..c9 have two orders.
function holdoutLines(): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < 30; i++) out.push([`o${i}`, `a${i}`, 'A', 'x'], [`o${i}`, `a${i}`, 'B', 'x']);
	for (let i = 0; i < 10; i++)
		out.push([`o${100 + i}`, `c${i}`, 'A', 'x'], [`o${200 + i}`, `c${i}`, 'B', 'x']);
	for (let i = 0; i < 500; i++) out.push([`o${1000 + i}`, `e${i}`, `E${1 + (i % 10)}`, 'z']);
	return out;
}

describe('the holdout check of the recommendation', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await insertLines(db, holdoutLines());
		await refreshDerived(db);
	}, 120_000);
	afterAll(() => cleanup());

	it('hides the last order and counts hits at 5 and 10 beside popularity', async () => {
		const rows = await checkRecommendations(db);
		expect(rows.map((r) => [r.method, r.customers, r.hits_5, r.hits_10])).toEqual([
			['item_to_item', 10, 10, 10],
			['popularity', 10, 0, 0]
		]);
		expect(rows[0]!.hit_rate_10).toBe(1);
	});
});
