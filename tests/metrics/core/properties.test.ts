import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { customerSummaryTotals, refreshMetrics, segmentSummary } from '../../../src/lib/server/metrics';
import { tempDb } from '../../helpers/db';
import { loadCustomers, loadInteractions, type Cust, type Ix } from './fixtures';
import { generateHistory, rng } from './naive';

const RUNS = 4;
// generous: the machine running CI may be shared; nothing here is timed
const TIMEOUT = 240_000;

function shuffled<T>(xs: T[], seed: number): T[] {
	const rand = rng(seed);
	const out = [...xs];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

describe('metrics core properties (fast-check)', () => {
	let db: Database;
	let cleanup: () => void;

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
	});
	afterAll(() => cleanup());

	async function load(customers: Cust[], interactions: Ix[]): Promise<void> {
		await db.exec('DELETE FROM interactions');
		await db.exec('DELETE FROM customers');
		await loadCustomers(db, customers);
		await loadInteractions(db, interactions);
		await refreshMetrics(db);
	}

	const summaryTable = () =>
		db.sql(
			`SELECT * EXCLUDE (first_purchase_at, last_purchase_at, first_interaction_at, last_interaction_at,
			   previous_purchase_day),
			 strftime(first_purchase_at, '%Y-%m-%d %H:%M:%S') AS fp, strftime(last_interaction_at, '%Y-%m-%d %H:%M:%S') AS li
			 FROM customer_summary ORDER BY customer_id`
		);

	it(
		'shuffling the input rows changes nothing',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({ min: 1, max: 1e9 }),
					fc.integer({ min: 1, max: 1e9 }),
					async (seed, order) => {
						const { customers, interactions } = generateHistory(seed, 40);
						await load(customers, interactions);
						const before = await summaryTable();
						const days = await db.sql('SELECT * FROM customer_day_channel ORDER BY ALL');
						await load(shuffled(customers, order), shuffled(interactions, order + 1));
						expect(await summaryTable()).toEqual(before);
						expect(await db.sql('SELECT * FROM customer_day_channel ORDER BY ALL')).toEqual(days);
					}
				),
				{ numRuns: RUNS }
			);
		},
		TIMEOUT
	);

	it(
		'customers with equal histories get equal scores, segments and stages',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({ min: 1, max: 1e9 }),
					fc.integer({ min: 1, max: 5 }),
					async (seed, copies) => {
						const { customers, interactions } = generateHistory(seed, 50);
						// clone the first customers that bought something, under new ids (orders renamed, same times and amounts)
						const buyers = [
							...new Set(interactions.filter((i) => i.type === 'purchase').map((i) => i.customer_id))
						];
						const cloned = buyers.slice(0, copies);
						const extra = cloned.flatMap((id) =>
							interactions
								.filter((i) => i.customer_id === id)
								.map((i) => ({
									...i,
									customer_id: `${id}-twin`,
									order_id: i.order_id ? `${i.order_id}-twin` : i.order_id
								}))
						);
						await load(customers, [...interactions, ...extra]);
						const rows = await db.sql<{ customer_id: string; s: string }>(
							`SELECT customer_id, concat_ws('|', r_score, f_score, m_score, rfm_segment, lifecycle_stage) AS s
					 FROM customer_summary`
						);
						const byId = new Map(rows.map((r) => [r.customer_id, r.s]));
						for (const id of cloned) {
							expect(byId.get(id)).toBeDefined();
							expect(byId.get(`${id}-twin`)).toBe(byId.get(id));
						}
					}
				),
				{ numRuns: RUNS }
			);
		},
		TIMEOUT
	);

	it(
		'segment counts sum to the customers with a purchase and segment revenue to total revenue',
		async () => {
			await fc.assert(
				fc.asyncProperty(
					fc.integer({ min: 1, max: 1e9 }),
					fc.constantFrom(undefined, '2024-06-01', '2024-10-15'),
					async (seed, asOf) => {
						const { customers, interactions } = generateHistory(seed, 70);
						await load(customers, interactions);
						const filters = asOf ? { as_of: asOf } : {};
						const segments = await segmentSummary(db, filters);
						const totals = await customerSummaryTotals(db, filters);
						expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(totals.customers_with_purchase);
						expect(segments.reduce((a, s) => a + s.net_revenue, 0)).toBeCloseTo(totals.net_revenue, 6);
						const shares = segments.reduce((a, s) => a + (s.share ?? 0), 0);
						if (totals.customers_with_purchase > 0) expect(shares).toBeCloseTo(1, 9);
					}
				),
				{ numRuns: RUNS }
			);
		},
		TIMEOUT
	);
});
