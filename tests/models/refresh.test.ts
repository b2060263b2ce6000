import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { setSetting, type Database } from '../../src/lib/server/db';
import { sharedDatasets, tempDb } from '../helpers/db';
import { loadCdnowSample } from './cdnow';
import { refreshMetrics } from '../../src/lib/server/metrics/refresh';
import { refreshModels } from '../../src/lib/server/models/service';
import { refreshSteps } from '../../src/lib/server/pipeline';
import {
	bgnbdExpectedPurchases,
	bgnbdMedianTimeToNext,
	bgnbdPAlive,
	type BgNbdParams
} from '../../src/lib/server/models/bgnbd';
import { DAYS_PER_MONTH, churnBand, predictedClv } from '../../src/lib/server/models/clv';
import { churnProbability, quietIfAliveNbd } from '../../src/lib/server/models/purchase';
import type { GammaGammaParams } from '../../src/lib/server/models/gammagamma';

const dir = sharedDatasets();
if (!dir) console.warn('skipping the CDNOW predictions test: ../shared/datasets is absent');

describe('refreshModels', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterAll(() => cleanup());

	it('is a refresh step of the pipeline', () => {
		expect(refreshSteps.map((s) => s.name)).toContain('models');
	});

	it('refuses to fit too little data: stores the failed threshold and no numbers or predictions', async () => {
		await db.exec(`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, amount)
			SELECT i::VARCHAR, (i % 20)::VARCHAR, TIMESTAMP '2024-01-01' + INTERVAL (i) DAY, 'purchase', 10
			FROM range(60) t(i)`);
		await refreshMetrics(db);
		await db.exec(`INSERT INTO predictions (customer_id, model, as_of, horizon_days, fit_id)
			VALUES ('stale', 'bgnbd', DATE '2020-01-01', 365, 0)`);
		const res = await refreshModels(db);
		expect(res.purchase?.status).toBe('ineligible');
		expect(res.purchase?.threshold).toBe('minCustomers');
		const fits = await db.sql<{ status: string; params: string | null; message: string; converged: boolean }>(
			"SELECT status, params::VARCHAR AS params, message, converged FROM model_fits WHERE model = 'bgnbd'"
		);
		expect(fits).toHaveLength(1);
		expect(fits[0]).toMatchObject({ status: 'ineligible', params: null, converged: false });
		expect(fits[0]?.message).toMatch(/only 20 customers.*at least 100/);
		expect((await db.sql<{ n: number }>('SELECT count(*) AS n FROM predictions'))[0]?.n).toBe(0);
		await db.exec('DELETE FROM interactions; DELETE FROM model_fits');
	});

	it.skipIf(!dir)(
		'on CDNOW writes one prediction per customer that equals the TypeScript formulas',
		async () => {
			await loadCdnowSample(db, join(dir!, 'cdnow', 'cdnow_sample.csv'));
			// Pinned: the stored columns are checked against BG/NBD's formulas (selection.test.ts checks the choice).
			await setSetting(db, 'purchase_model', 'bgnbd');
			const res = await refreshModels(db, { timeUnit: 'week', horizonDays: 365, discountRate: 0.01 });
			expect(res.purchase?.model).toBe('bgnbd');
			expect(res.choice?.mode).toBe('pinned');
			expect(res.asOf).toBe('1998-06-30');
			expect(res.purchase?.status).toBe('ok');
			expect(res.spend?.status).toBe('ok');
			expect(res.predictions).toBe(2357);
			const fits = await db.sql<{ model: string; params: string; fit_id: number }>(
				'SELECT model, params::VARCHAR AS params, fit_id FROM model_fits ORDER BY fit_id'
			);
			const bg = JSON.parse(fits.find((f) => f.model === 'bgnbd')!.params) as BgNbdParams;
			const gg = JSON.parse(fits.find((f) => f.model === 'gamma-gamma')!.params) as GammaGammaParams;
			const summary = await db.query<{
				customer_id: string;
				x: number;
				t_x: number;
				T: number;
				m: number;
				net_revenue: number;
			}>('model_summary', { as_of: '1998-06-30', unit_days: 7 });
			const predicted = await db.sql<Record<string, number | string>>(
				"SELECT *, strftime(expected_next_order, '%Y-%m-%d') AS next FROM predictions"
			);
			expect(predicted).toHaveLength(2357);
			const byId = new Map(predicted.map((p) => [p.customer_id as string, p]));
			const horizon = { horizon: 365 / 7, month: DAYS_PER_MONTH / 7, discountRate: 0.01 };
			for (const c of summary.filter((_, i) => i % 5 === 0)) {
				const r = byId.get(c.customer_id)!;
				const { x, t_x: tx, T, m } = c;
				const pAlive = bgnbdPAlive(bg, x, tx, T);
				expect(r.p_alive as number).toBeCloseTo(pAlive, 10);
				// Churn = no purchase in the next 90 days (inactivity_days default): 90/7 weeks.
				const churn = churnProbability(pAlive, quietIfAliveNbd(bg.r, bg.alpha, x, T, 90 / 7));
				expect(r.churn_probability as number).toBeCloseTo(churn, 10);
				expect(r.churn_probability as number).toBeGreaterThanOrEqual(1 - pAlive - 1e-12);
				expect(r.churn_band).toBe(churnBand(churn));
				expect(r.expected_purchases as number).toBeCloseTo(bgnbdExpectedPurchases(bg, x, tx, T, 365 / 7), 10);
				const nextDays = bgnbdMedianTimeToNext(bg, x, T) * 7;
				const nextDate = new Date(Date.UTC(1998, 5, 30 + Math.round(nextDays))).toISOString().slice(0, 10);
				expect(r.next).toBe(nextDays <= 365 ? nextDate : null);
				const clv = predictedClv(bg, gg, { x, tx, T, m, netRevenue: c.net_revenue }, horizon);
				expect(r.predicted_clv as number).toBeCloseTo(clv, 8);
				expect(r.historic_clv as number).toBeCloseTo(c.net_revenue, 6);
				expect(r.total_clv as number).toBeCloseTo(clv + c.net_revenue, 6);
			}
			const bands = await db.sql<{ churn_band: string; n: number }>(
				'SELECT churn_band, count(*) AS n FROM predictions GROUP BY 1 ORDER BY 1'
			);
			expect(bands.map((b) => b.churn_band)).toEqual(['high', 'low', 'medium']);
		}
	);
});
