import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { sharedDatasets, tempDb } from '../helpers/db';
import { loadCdnowSample } from './cdnow';
import { validateModel } from '../../src/lib/server/models/validate';
import { bgnbdExpectedPurchases, type BgNbdParams } from '../../src/lib/server/models/bgnbd';
import { mbgnbdExpectedPurchases, type MbgNbdParams } from '../../src/lib/server/models/mbgnbd';

const dir = sharedDatasets();
if (!dir) console.warn('skipping the CDNOW validation test: ../shared/datasets is absent');

describe.skipIf(!dir)(
	'holdout validation on CDNOW (calibration to 1997-09-30, holdout to 1998-06-30, weeks)',
	() => {
		let db: Database;
		let cleanup: () => void;
		beforeAll(async () => {
			({ db, cleanup } = await tempDb());
			await loadCdnowSample(db, join(dir!, 'cdnow', 'cdnow_sample.csv'));
		});
		afterAll(() => cleanup());

		it('compares predicted with actual holdout purchases in total, over time and by calibration purchases', async () => {
			const v = await validateModel(db, {
				calibrationEnd: '1997-09-30',
				holdoutEnd: '1998-06-30',
				timeUnit: 'week'
			});
			expect(v.status).toBe('ok');
			expect(v.customers).toBe(2357);
			// The published calibration fit (Fader, Hardie & Lee 2005).
			expect(v.fit!.params.r).toBeCloseTo(0.2426, 3);
			// Actual holdout repeat purchase days, counted independently of the validation code.
			const actual = await db.sql<{ n: number }>(
				`SELECT count(DISTINCT (customer_id, occurred_at::DATE))::DOUBLE AS n FROM interactions
			 WHERE occurred_at > DATE '1997-09-30' AND occurred_at < DATE '1998-07-01'`
			);
			expect(v.total!.actual).toBe(actual[0]!.n);
			// Predicted total = Σ over customers of E[Y(39 weeks) | x, t_x, T] from the TypeScript formula.
			const summary = await db.query<{ x: number; t_x: number; T: number }>('model_summary', {
				as_of: '1997-09-30',
				unit_days: 7
			});
			const p = v.fit!.params as unknown as BgNbdParams;
			const horizon = (Date.parse('1998-06-30') - Date.parse('1997-09-30')) / 86_400_000 / 7;
			const expected = summary.reduce((s, c) => s + bgnbdExpectedPurchases(p, c.x, c.t_x, c.T, horizon), 0);
			expect(v.total!.predicted).toBeCloseTo(expected, 6);
			// BG/NBD under-predicts the CDNOW holdout a little (1,653 predicted vs 1,882 actual purchase days, -12%).
			expect(Math.abs(v.total!.errorPercent)).toBeLessThan(15);
			// Cumulative curve: one point per holdout week, non-decreasing, ending at the totals.
			expect(v.cumulative).toHaveLength(Math.ceil(horizon));
			const last = v.cumulative![v.cumulative!.length - 1]!;
			expect(last.actual).toBe(v.total!.actual);
			expect(last.predicted).toBeCloseTo(v.total!.predicted, 6);
			for (let i = 1; i < v.cumulative!.length; i++) {
				expect(v.cumulative![i]!.actual).toBeGreaterThanOrEqual(v.cumulative![i - 1]!.actual);
				expect(v.cumulative![i]!.predicted).toBeGreaterThan(v.cumulative![i - 1]!.predicted);
			}
			expect(last.endDate).toBe('1998-06-30');
			// Buckets 0..6 and 7+ cover every customer; the MAE is a real number.
			expect(v.byCalibrationPurchases!.map((b) => b.label)).toEqual([
				'0',
				'1',
				'2',
				'3',
				'4',
				'5',
				'6',
				'7+'
			]);
			expect(v.byCalibrationPurchases!.reduce((s, b) => s + b.customers, 0)).toBe(2357);
			expect(v.mae!.perCustomer).toBeGreaterThan(0);
			expect(v.mae!.byCalibrationPurchases).toBeLessThan(1);
		});

		it('validates MBG/NBD with its own formulas', async () => {
			const v = await validateModel(db, {
				model: 'mbg-nbd',
				calibrationEnd: '1997-09-30',
				holdoutEnd: '1998-06-30'
			});
			expect(v.status).toBe('ok');
			expect(v.fit!.params.r).toBeCloseTo(0.525, 3); // lifetimes' ModifiedBetaGeoFitter on CDNOW
			const summary = await db.query<{ x: number; t_x: number; T: number }>('model_summary', {
				as_of: '1997-09-30',
				unit_days: 7
			});
			const p = v.fit!.params as unknown as MbgNbdParams;
			const expected = summary.reduce((s, c) => s + mbgnbdExpectedPurchases(p, c.x, c.t_x, c.T, 39), 0);
			expect(v.total!.predicted).toBeCloseTo(expected, 6);
			// It under-predicts the holdout more than BG/NBD here (1,577 vs 1,882 actual, -16%).
			expect(v.total!.errorPercent).toBeLessThan(-10);
			expect(v.total!.errorPercent).toBeGreaterThan(-20);
		});

		it('works for Pareto/NBD too and rejects a holdout that ends before the calibration', async () => {
			const v = await validateModel(db, {
				model: 'pareto-nbd',
				calibrationEnd: '1997-09-30',
				holdoutEnd: '1998-06-30'
			});
			expect(v.status).toBe('ok');
			expect(Math.abs(v.total!.errorPercent)).toBeLessThan(15);
			await expect(
				validateModel(db, { calibrationEnd: '1997-09-30', holdoutEnd: '1997-01-01' })
			).rejects.toThrow(/must be after/);
		});
	}
);
