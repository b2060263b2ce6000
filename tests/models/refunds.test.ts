import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSetting, type Database } from '../../src/lib/server/db';
import { tempDb } from '../helpers/db';
import { refreshMetrics } from '../../src/lib/server/metrics/refresh';
import { refreshModels } from '../../src/lib/server/models/service';
import { materialiseSummary, readSpend, SUMMARY_TABLE } from '../../src/lib/server/models/summary';
import { DAYS_PER_MONTH, predictedClv } from '../../src/lib/server/models/clv';
import type { BgNbdParams } from '../../src/lib/server/models/bgnbd';
import type { GammaGammaParams } from '../../src/lib/server/models/gammagamma';
import { seededRandom, simulateBgNbdCustomer } from '../../src/lib/server/models/simulate';

/**
 * Gamma-Gamma's spend net of refunds (docs/MODELS.md, "Spend net of refunds") on constructed customers. Day numbers
 * count from 2024-01-01. 150 ordinary customers make the models eligible; the others are the cases:
 * - ALLREF: like Online Retail II's customer 16446, two orders cancelled by refunds with their own ids ('C…'), so
 *   the refunds are netted per customer; net revenue −6.10.
 * - ALLREF_ORDER: both orders refunded by refunds that name them.
 * - PART: orders 100 (day 0), 60 (day 50), 40 (day 120); 20 of the day-50 order refunded by order id.
 * - LATER: orders 30 (day 0), 100 (day 30), 50 (day 60); the day-30 order refunded in full on day 160, months later.
 * - SHARE: three days of 100 and a refund of 30 without an order id: spread over the days by spend.
 */
const SPECIAL: [string, number, 'purchase' | 'refund', string | null, number][] = [
	['ALLREF', 10, 'refund', 'C1', -9],
	['ALLREF', 40, 'purchase', 'A1', 2.9],
	['ALLREF', 100, 'purchase', 'A2', 80000],
	['ALLREF', 100, 'refund', 'C2', -80000],
	['ALLREF_ORDER', 5, 'purchase', 'B1', 40],
	['ALLREF_ORDER', 70, 'purchase', 'B2', 500],
	['ALLREF_ORDER', 71, 'refund', 'B2', -500],
	['ALLREF_ORDER', 90, 'refund', 'B1', -40],
	['PART', 0, 'purchase', 'P1', 100],
	['PART', 50, 'purchase', 'P2', 60],
	['PART', 52, 'refund', 'P2', -20],
	['PART', 120, 'purchase', 'P3', 40],
	['LATER', 0, 'purchase', 'L1', 30],
	['LATER', 30, 'purchase', 'L2', 100],
	['LATER', 60, 'purchase', 'L3', 50],
	['LATER', 160, 'refund', 'L2', -100],
	['SHARE', 0, 'purchase', 'S1', 100],
	['SHARE', 20, 'purchase', 'S2', 100],
	['SHARE', 40, 'purchase', 'S3', 100],
	['SHARE', 45, 'refund', null, -30]
];

describe('Gamma-Gamma on spend net of refunds', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		// Ordinary customers: BG/NBD purchases (seeded), first purchases on days 0-59, no refunds; one buys on day 230
		// (the calibration end).
		const rand = seededRandom(13);
		const rows: string[] = [
			`('last', 'N0', TIMESTAMP '2024-01-01' + INTERVAL 230 DAY, 'purchase', 'N0-last', 25)`
		];
		for (let i = 0; i < 300; i++) {
			const first = i % 60;
			const days = [0, ...simulateBgNbdCustomer(rand, { r: 1, alpha: 30, a: 2, b: 6 }, 229 - first)];
			days.forEach((d, k) =>
				rows.push(
					`('n${i}-${k}', 'N${i}', TIMESTAMP '2024-01-01' + INTERVAL ${first + d} DAY, 'purchase', 'N${i}-${k}', ${20 + ((i * 7) % 50) + 3 * k})`
				)
			);
		}
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, order_id, amount) VALUES ${rows.join(',')}`
		);
		const values = SPECIAL.map(
			([c, day, type, order, amount], i) =>
				`('s${i}', '${c}', TIMESTAMP '2024-01-01 10:00' + INTERVAL ${day} DAY, '${type}', ${order ? `'${order}'` : 'NULL'}, ${amount})`
		).join(',\n');
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, order_id, amount) VALUES ${values}`
		);
		await refreshMetrics(db);
	});
	afterAll(() => cleanup());

	async function summaryAt(asOf: string) {
		return db.withSession(async (s) => {
			await materialiseSummary(s, asOf, 'week');
			const rows = await s.sql<{ customer_id: string; x: number; m: number; net_revenue: number }>(
				`SELECT customer_id, x, m, net_revenue FROM ${SUMMARY_TABLE} ORDER BY customer_id`
			);
			const spend = await readSpend(s);
			return { byId: new Map(rows.map((r) => [r.customer_id, r])), spenders: spend.x.length, rows };
		});
	}

	it('nets refunds: by order where the refund names one (also months later), else per customer', async () => {
		const { byId } = await summaryAt('2024-08-18'); // day 230: after every purchase and refund
		// PART: repeat days 60 − 20 and 40.
		expect(byId.get('PART')).toMatchObject({ x: 2, net_revenue: 180 });
		expect(byId.get('PART')!.m).toBeCloseTo(40, 12);
		// LATER: the day-160 refund is deducted from its order's day 30, not spread or put on day 160: m = (0 + 50) / 2.
		expect(byId.get('LATER')).toMatchObject({ x: 2, net_revenue: 80 });
		expect(byId.get('LATER')!.m).toBeCloseTo(25, 12);
		// SHARE: 30 spread by spend, 2/3 of it on the repeat days: (200 − 20) / 2.
		expect(byId.get('SHARE')!.m).toBeCloseTo(90, 12);
		// ALLREF: per customer, (80000 − 89,009 · 80000 / 80002.9) < 0, so no positive spend: m = 0.
		expect(byId.get('ALLREF')).toMatchObject({ x: 1, m: 0 });
		expect(byId.get('ALLREF')!.net_revenue).toBeCloseTo(-6.1, 10);
		expect(byId.get('ALLREF_ORDER')).toMatchObject({ x: 1, m: 0, net_revenue: 0 });
		// A customer without refunds keeps the gross mean.
		const n = [...byId.entries()].find(([id, r]) => id.startsWith('N') && id !== 'N0' && r.x >= 2)!;
		const base = 20 + ((Number(n[0].slice(1)) * 7) % 50);
		expect(n[1].m).toBeCloseTo(base + (3 * (n[1].x + 1)) / 2, 9);
	});

	it('a refund after the calibration end is not known yet; both summary queries net alike', async () => {
		// At day 100 (the aggregation of customer_day) LATER's refund (day 160) lies in the future: gross m.
		const early = await summaryAt('2024-04-10');
		expect(early.byId.get('LATER')!.m).toBeCloseTo(75, 12);
		expect(early.byId.get('PART')!.m).toBeCloseTo(40, 12); // x = 1 then: the day-50 order net of its refund
		// At day 230 customer_summary's projection is used; at a later day the aggregation: the same rows.
		const current = await summaryAt('2024-08-18');
		const later = await summaryAt('2024-08-19');
		expect(later.rows.map((r) => [r.customer_id, r.x, r.m, r.net_revenue])).toEqual(
			current.rows.map((r) => [r.customer_id, r.x, r.m, r.net_revenue])
		);
	});

	it('leaves out of the Gamma-Gamma fit, and gives CLV 0 with a reason, customers whose net spend is <= 0', async () => {
		const { byId, spenders } = await summaryAt('2024-08-18');
		const positive = [...byId.values()].filter((r) => r.x > 0 && r.m > 0 && r.net_revenue > 0).length;
		expect(spenders).toBe(positive);
		// BG/NBD pinned: the CLV below is checked against BG/NBD's formula.
		await setSetting(db, 'purchase_model', 'bgnbd');
		const res = await refreshModels(db, { timeUnit: 'week', horizonDays: 365, discountRate: 0.01 });
		expect(res.purchase?.model).toBe('bgnbd');
		expect(res.purchase?.status).toBe('ok');
		expect(res.spend?.status).toBe('ok');
		expect(res.spend?.fit?.nCustomers).toBe(positive);
		const preds = await db.sql<{
			customer_id: string;
			predicted_clv: number;
			total_clv: number;
			historic_clv: number;
			clv_note: string | null;
		}>('SELECT customer_id, predicted_clv, total_clv, historic_clv, clv_note FROM predictions');
		const p = new Map(preds.map((r) => [r.customer_id, r]));
		for (const id of ['ALLREF', 'ALLREF_ORDER']) {
			expect(p.get(id)).toMatchObject({ predicted_clv: 0, clv_note: 'net_spend_not_positive' });
			expect(p.get(id)!.total_clv).toBeCloseTo(p.get(id)!.historic_clv, 10);
		}
		expect(preds.filter((r) => r.historic_clv <= 0).every((r) => r.predicted_clv === 0)).toBe(true);
		expect(
			preds.filter((r) => r.historic_clv > 0).every((r) => r.clv_note === null && r.predicted_clv > 0)
		).toBe(true);
		// PART's CLV is the formula at its net mean spend 40.
		const bg = res.purchase!.fit!.params as unknown as BgNbdParams;
		const gg = res.spend!.fit!.params as unknown as GammaGammaParams;
		const summary = await db.query<{ customer_id: string; x: number; t_x: number; T: number }>(
			'model_summary',
			{
				as_of: '2024-08-18',
				unit_days: 7
			}
		);
		const part = summary.find((r) => r.customer_id === 'PART')!;
		const { x, T } = part;
		const horizon = { horizon: 365 / 7, month: DAYS_PER_MONTH / 7, discountRate: 0.01 };
		expect(p.get('PART')!.predicted_clv).toBeCloseTo(
			predictedClv(bg, gg, { x, tx: part.t_x, T, m: 40 }, horizon),
			8
		);
		expect(predictedClv(bg, gg, { x: 1, tx: 8, T: 27, m: 0, netRevenue: -6.1 }, horizon)).toBe(0);
		// The MBG/NBD fit of the same refresh is stored beside BG/NBD.
		expect(res.mbg?.status).toBe('ok');
		const fits = await db.sql<{ model: string }>('SELECT DISTINCT model FROM model_fits ORDER BY 1');
		expect(fits.map((f) => f.model)).toEqual(['bgnbd', 'gamma-gamma', 'mbg-nbd', 'pareto-nbd']);
	});
});
