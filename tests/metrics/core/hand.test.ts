import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	customerSummaryTotals,
	lifecycleCustomerCounts,
	refreshMetrics,
	rfmCustomers,
	rfmGrid,
	rfmScoreDistribution,
	segmentSummary
} from '../../../src/lib/server/metrics';
import { tempDb } from '../../helpers/db';
import { loadCustomers, loadInteractions } from './fixtures';
import { HAND_CUSTOMERS, HAND_INTERACTIONS } from './hand-fixture';

type SummaryRow = Record<string, unknown>;

describe('metrics core on a hand-computed fixture (as of 2025-04-01, window 90 days)', () => {
	let db: Database;
	let cleanup: () => void;
	let summary: Map<string, SummaryRow>;

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await loadCustomers(db, HAND_CUSTOMERS);
		await loadInteractions(db, HAND_INTERACTIONS);
		expect(await refreshMetrics(db)).toEqual({ as_of: '2025-04-01', incremental: false }); // last interaction 2025-03-31 + 1
		const rows = await db.sql<SummaryRow>(
			`SELECT customer_id, orders, purchase_days, net_revenue, avg_order_value, mean_days_between_orders,
			 recency_days, tenure_days, strftime(previous_purchase_day, '%Y-%m-%d') AS previous_purchase_day,
			 first_order_channel, channels_used, r_score, f_score, m_score, rfm_segment, lifecycle_stage,
			 strftime(first_purchase_at, '%Y-%m-%d %H:%M') AS first_purchase_at,
			 strftime(last_interaction_at, '%Y-%m-%d') AS last_interaction_at, region
			 FROM customer_summary ORDER BY customer_id`
		);
		summary = new Map(rows.map((r) => [r.customer_id as string, r]));
	});
	afterAll(() => cleanup());

	it('customer_day: orders on the day of their first row, refunds negative, channels per day', async () => {
		const rows = await db.sql(
			`SELECT customer_id, strftime(day, '%Y-%m-%d') AS day, orders, purchases, refunds, net_revenue::DOUBLE AS net,
			 (SELECT list_sort(list(x.channel)) FROM customer_day_channel x WHERE x.customer_id = d.customer_id
			  AND x.day = d.day) AS channels
			 FROM customer_day d WHERE customer_id IN ('A', 'H') ORDER BY customer_id, day`
		);
		expect(rows).toEqual([
			// o1 (two rows, 60 + 40) and o2 the same day: 2 orders, 3 purchase rows, 150
			{
				customer_id: 'A',
				day: '2024-10-01',
				orders: 2,
				purchases: 3,
				refunds: 0,
				net: 150,
				channels: ['store', 'web']
			},
			{
				customer_id: 'A',
				day: '2025-02-01',
				orders: 1,
				purchases: 1,
				refunds: 0,
				net: 30,
				channels: ['web']
			},
			// a refund given as +20 counts -20
			{
				customer_id: 'A',
				day: '2025-02-05',
				orders: 0,
				purchases: 0,
				refunds: 1,
				net: -20,
				channels: ['web']
			},
			{
				customer_id: 'A',
				day: '2025-03-31',
				orders: 0,
				purchases: 0,
				refunds: 0,
				net: 0,
				channels: ['email']
			},
			// o11 crosses midnight: one order, on its first day; the second day still has a purchase row
			{
				customer_id: 'H',
				day: '2025-03-10',
				orders: 1,
				purchases: 1,
				refunds: 0,
				net: 50,
				channels: ['web']
			},
			{ customer_id: 'H', day: '2025-03-11', orders: 0, purchases: 1, refunds: 0, net: 25, channels: ['web'] }
		]);
	});

	it('one summary row per customer, also without interactions (E) or without a customers row (F)', () => {
		expect([...summary.keys()]).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
		expect(summary.get('E')).toMatchObject({ orders: 0, net_revenue: 0, r_score: null, rfm_segment: null });
		expect(summary.get('F')).toMatchObject({
			orders: 0,
			region: null,
			channels_used: ['web'],
			lifecycle_stage: null
		});
	});

	it('customer summary columns', () => {
		// A: orders o1, o2 and a row without order id = 3; purchase days 2024-10-01 and 2025-02-01;
		// net 100 + 50 + 30 - 20 = 160; AOV 160 / 3; gap 2024-10-01 -> 2025-02-01 = 31+30+31+31 = 123 days;
		// recency 2025-04-01 - 2025-02-01 = 28+31 = 59; tenure 2025-04-01 - 2024-10-01 = 182.
		expect(summary.get('A')).toMatchObject({
			orders: 3,
			purchase_days: 2,
			net_revenue: 160,
			mean_days_between_orders: 123,
			recency_days: 59,
			tenure_days: 182,
			previous_purchase_day: '2024-10-01',
			first_order_channel: 'web', // o1 at 10:00 before o2 at 15:00
			channels_used: ['email', 'store', 'web'],
			first_purchase_at: '2024-10-01 10:00',
			last_interaction_at: '2025-03-31'
		});
		expect(summary.get('A')!.avg_order_value).toBeCloseTo(160 / 3, 10);
		// B: 200 + 200 + 100 = 500 in 3 orders; (2025-03-01 - 2024-12-01) = 90 days over 2 gaps = 45;
		// recency 31; tenure 121.
		expect(summary.get('B')).toMatchObject({
			orders: 3,
			net_revenue: 500,
			mean_days_between_orders: 45,
			recency_days: 31,
			tenure_days: 121,
			first_order_channel: 'store'
		});
		// H: one order over two days: purchase days 2, mean gap 1 day, recency 2025-04-01 - 2025-03-11 = 21.
		expect(summary.get('H')).toMatchObject({
			orders: 1,
			purchase_days: 2,
			mean_days_between_orders: 1,
			recency_days: 21
		});
		// C: one purchase day: no gap.
		expect(summary.get('C')).toMatchObject({ orders: 1, mean_days_between_orders: null, recency_days: 137 });
	});

	it('RFM quintile scores: 1 + floor(5 x share of purchasers with a strictly worse value)', () => {
		// 6 purchasers. Recency (worse = larger): C 137, G 81, A 59, B 31, H 21, D 12 -> worse counts 0..5
		//   -> R = 1 + floor(5k/6) = 1, 1, 2, 3, 4, 5.
		// Orders: C, D, H have 1 (0 worse -> F 1); A, B, G have 3 (3 worse -> 1 + floor(15/6) = 3).
		// Net revenue: D 40, H 75, C 80, A 160, G 300, B 500 -> M = 1, 1, 2, 3, 4, 5.
		const scores = Object.fromEntries(
			[...summary.values()]
				.filter((r) => r.r_score !== null)
				.map((r) => [r.customer_id, `${r.r_score}${r.f_score}${r.m_score}`])
		);
		expect(scores).toEqual({ A: '233', B: '335', C: '112', D: '511', G: '134', H: '411' });
	});

	it('named segments: first match by priority', () => {
		// A 233: Need Attention (R2-3 F2-3 M2-3); B 335: Loyal (R3-5 F3-5 M3-5); C 112: Hibernating (R1-2 F1-2 M1-5);
		// D 511 and H 411: New Customers (R4-5 F1 M1); G 134: At Risk (R1-2 F2-5 M2-5).
		const seg = Object.fromEntries([...summary.values()].map((r) => [r.customer_id, r.rfm_segment]));
		expect(seg).toEqual({
			A: 'need_attention',
			B: 'loyal_customers',
			C: 'hibernating',
			D: 'new_customers',
			E: null,
			F: null,
			G: 'at_risk',
			H: 'new_customers'
		});
	});

	it('lifecycle stages now', () => {
		// A: recency 59 <= 90, tenure 182 > 90, 59 <= 2 x 123, last gap 123 > 90 -> reactivated.
		// B: recency 31 <= 2 x 45 and last gap 19 -> active. C: recency 137 > 90 -> churned.
		// D, H: first purchase within 90 days -> new. G: gaps 10 and 30 (mean 20), recency 81 > 40 -> at_risk.
		const stage = Object.fromEntries([...summary.values()].map((r) => [r.customer_id, r.lifecycle_stage]));
		expect(stage).toEqual({
			A: 'reactivated',
			B: 'active',
			C: 'churned',
			D: 'new',
			E: null,
			F: null,
			G: 'at_risk',
			H: 'new'
		});
	});

	it('totals', async () => {
		// 8 customers, 6 with a purchase, 3 with >= 2 orders; orders 3+3+1+1+3+1 = 12;
		// purchases 1175 (A 180, B 500, C 80, D 40, G 300, H 75), refunds -20, net 1155; AOV 1155 / 12.
		const t = await customerSummaryTotals(db);
		expect(t).toMatchObject({
			as_of: '2025-04-01',
			customers: 8,
			customers_with_purchase: 6,
			repeat_customers: 3,
			repeat_purchase_rate: 0.5,
			orders: 12,
			purchase_amount: 1175,
			refund_amount: -20,
			net_revenue: 1155,
			orders_per_customer: 2,
			revenue_per_customer: 1155 / 6,
			median_recency_days: 45 // recencies 12, 21, 31, 59, 81, 137
		});
		expect(t.avg_order_value).toBeCloseTo(1155 / 12, 10);
	});

	it('an earlier as-of date is computed on the fly and uses nothing on or after it', async () => {
		// As of 2025-03-01: B's o5 (2025-03-01), D, H, F fall away. Left: A (o1, o2, loose 30, refund -20 -> 160),
		// B (o3, o4 -> 400), C (80), G (300). Orders 3 + 2 + 1 + 3 = 9. Customers: 7 in customers (F unseen yet).
		const t = await customerSummaryTotals(db, { as_of: '2025-03-01' });
		expect(t).toMatchObject({
			as_of: '2025-03-01',
			customers: 7,
			customers_with_purchase: 4,
			orders: 9,
			net_revenue: 940
		});
		const rows = await rfmCustomers(db, { as_of: '2025-03-01' });
		const b = rows.rows.find((r) => r.customer_id === 'B');
		// B as of 2025-03-01: last purchase 2025-02-10 -> recency 19
		expect(b).toMatchObject({ recency_days: 19, orders: 2, net_revenue: 400 });
	});

	it('as_of equal to the materialised date gives the same answer as the table', async () => {
		const a = await customerSummaryTotals(db);
		const b = await customerSummaryTotals(db, { from: '1900-01-01' }); // forces the on-the-fly path
		expect(b).toEqual(a);
	});

	it('a look-back window (from / to) and a channel restrict the interactions', async () => {
		// from 2025-01-01: A keeps the loose 30 and the refund (10 net, 1 order), B o4 + o5 (300), D 40, G o10 100,
		// H 75 -> 5 purchasers, 6 orders, net 525.
		const w = await customerSummaryTotals(db, { from: '2025-01-01' });
		expect(w).toMatchObject({ customers_with_purchase: 5, orders: 6, net_revenue: 525 });
		// to 2024-12-31: as-of becomes 2025-01-01; A o1 o2 (150), B o3 (200), C 80, G o8 o9 (200) -> 5 orders... 6:
		// A 2 + B 1 + C 1 + G 2 = 6 orders, net 630.
		const to = await customerSummaryTotals(db, { to: '2024-12-31' });
		expect(to).toMatchObject({
			as_of: '2025-01-01',
			customers_with_purchase: 4,
			orders: 6,
			net_revenue: 630
		});
		// store only: A o2 (50), B o3 o4 (400), G 300 -> 6 orders, net 750.
		const store = await customerSummaryTotals(db, { channel: 'store' });
		expect(store).toMatchObject({ customers_with_purchase: 3, orders: 6, net_revenue: 750 });
	});

	it('customer filters select customers after scoring (scores do not change with the view)', async () => {
		// Hà Nội: A, C, E, H -> purchasers A, C, H; net 160 + 80 + 75.
		const t = await customerSummaryTotals(db, { region: 'Hà Nội' });
		expect(t).toMatchObject({ customers: 4, customers_with_purchase: 3, net_revenue: 315 });
		const rows = await rfmCustomers(db, { region: 'Hà Nội' });
		expect(rows.rows.map((r) => `${r.customer_id}:${r.rfm_cell}`)).toEqual(['A:233', 'C:112', 'H:411']);
		const seg = await customerSummaryTotals(db, { segment: 'new_customers' });
		expect(seg).toMatchObject({ customers: 2, net_revenue: 115 });
		const life = await customerSummaryTotals(db, { lifecycle: 'churned' });
		expect(life).toMatchObject({ customers: 1, net_revenue: 80 });
		const acq = await customerSummaryTotals(db, { acquisition_channel: 'store' });
		expect(acq).toMatchObject({ customers: 2, net_revenue: 800 });
	});

	it('segment summary, grid, lifecycle counts and score distribution', async () => {
		const segs = await segmentSummary(db);
		expect(segs).toHaveLength(12); // eleven configured + others
		const byKey = Object.fromEntries(segs.map((s) => [s.segment, [s.customers, s.net_revenue]]));
		expect(byKey).toMatchObject({
			new_customers: [2, 115],
			need_attention: [1, 160],
			loyal_customers: [1, 500],
			hibernating: [1, 80],
			at_risk: [1, 300],
			champions: [0, 0],
			others: [0, 0]
		});
		expect(segs.at(-1)?.segment).toBe('others');

		const grid = await rfmGrid(db);
		expect(grid).toHaveLength(25);
		const cell = (r: number, f: number) => grid.find((g) => g.r_score === r && g.f_score === f)!;
		// R1 F3: G (M 4); R1 F1: C (M 2); R5 F1: D; R4 F1: H; R3 F3: B (M 5); R2 F3: A (M 3)
		expect(cell(1, 3)).toMatchObject({ customers: 1, net_revenue: 300, mean_m_score: 4 });
		expect(cell(1, 1)).toMatchObject({ customers: 1, net_revenue: 80, mean_m_score: 2 });
		expect(cell(5, 5)).toMatchObject({ customers: 0, net_revenue: 0, mean_m_score: null });
		expect(grid.reduce((a, g) => a + g.customers, 0)).toBe(6);

		const life = await lifecycleCustomerCounts(db);
		expect(Object.fromEntries(life.rows.map((r) => [r.lifecycle_stage, r.customers]))).toEqual({
			new: 2,
			active: 1,
			at_risk: 1,
			reactivated: 1,
			churned: 1
		});

		const dist = await rfmScoreDistribution(db);
		const f = dist
			.filter((d) => d.dimension === 'f')
			.map((d) => [d.score, d.customers, d.min_value, d.max_value]);
		// heavy ties: three customers with 1 order all get F 1, three with 3 orders all get F 3; F 2, 4, 5 stay empty
		expect(f).toEqual([
			[1, 3, 1, 1],
			[2, 0, null, null],
			[3, 3, 3, 3],
			[4, 0, null, null],
			[5, 0, null, null]
		]);
	});

	it('fixed thresholds: scores from the given cut points', async () => {
		// R cuts 15, 30, 60, 90 days: D 12 -> 5, H 21 -> 4, B 31 -> 3, A 59 -> 3, G 81 -> 2, C 137 -> 1.
		// F cuts 2, 3, 4, 5 orders: 1 order -> 1, 3 orders -> 3. M cuts 50, 100, 200, 400: D 40 -> 1, H 75 -> 2,
		// C 80 -> 2, A 160 -> 3, G 300 -> 4, B 500 -> 5.
		const { rows } = await rfmCustomers(
			db,
			{},
			{},
			{ method: 'fixed', r: [15, 30, 60, 90], f: [2, 3, 4, 5], m: [50, 100, 200, 400] }
		);
		expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.rfm_cell]))).toEqual({
			A: '333',
			B: '335',
			C: '112',
			D: '511',
			G: '234',
			H: '412'
		});
	});
});
