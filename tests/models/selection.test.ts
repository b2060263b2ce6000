import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { setSetting, type Database } from '../../src/lib/server/db';
import { sharedDatasets, tempDb } from '../helpers/db';
import { loadCdnowSample } from './cdnow';
import { refreshModels } from '../../src/lib/server/models/service';
import { purchaseModelInUse, purchaseModelSelection } from '../../src/lib/server/models/selection';
import { defaultSplit, validateModel } from '../../src/lib/server/models/validate';

const dir = sharedDatasets();
if (!dir) console.warn('skipping the purchase model choice test: ../shared/datasets is absent');

describe.skipIf(!dir)('the purchase model chosen by holdout (CDNOW)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await loadCdnowSample(db, join(dir!, 'cdnow', 'cdnow_sample.csv'));
	});
	afterAll(() => cleanup());

	it('predicts with the model of smallest holdout MAE among those defined for one-time buyers, and records why', async () => {
		const split = (await defaultSplit(db))!;
		const bg = await validateModel(db, { model: 'bgnbd', ...split });
		const mbg = await validateModel(db, { model: 'mbg-nbd', ...split });
		const pareto = await validateModel(db, { model: 'pareto-nbd', ...split });
		// CDNOW has one-time buyers: BG/NBD (P(alive | x = 0) = 1) is validated and shown but not chosen.
		const best = mbg.mae!.perCustomer <= pareto.mae!.perCustomer ? 'mbg-nbd' : 'pareto-nbd';
		const res = await refreshModels(db);
		expect(res.choice?.mode).toBe('auto');
		expect(res.purchase?.model).toBe(best);
		const inUse = await purchaseModelInUse(db);
		expect(inUse).toMatchObject({
			model: best,
			rank: 1,
			reason: 'smallest holdout error of the models defined for one-time buyers'
		});
		const rows = await purchaseModelSelection(db);
		expect(rows.find((r) => r.model === 'bgnbd')!.holdout_mae).toBeCloseTo(bg.mae!.perCustomer, 10);
		expect(rows.find((r) => r.model === 'mbg-nbd')!.holdout_mae).toBeCloseTo(mbg.mae!.perCustomer, 10);
		expect(rows.find((r) => r.model === 'pareto-nbd')!.holdout_mae).toBeCloseTo(pareto.mae!.perCustomer, 10);
		const bgRow = rows.find((r) => r.model === 'bgnbd')!;
		expect(bgRow).toMatchObject({ in_use: false, rank: null });
		expect(bgRow.reason).toMatch(
			/^P\(alive\) is 1 for every one-time buyer by construction \(\d+ in the data\)/
		);
		expect(inUse!.criterion).toMatch(/^among the models whose P\(alive\) is defined for one-time buyers/);
		expect(res.fits.map((f) => f.model)).toEqual(['bgnbd', 'mbg-nbd', 'pareto-nbd']);
		const models = await db.sql<{ model: string }>('SELECT DISTINCT model FROM current_predictions');
		expect(models.map((m) => m.model)).toEqual([best]);
	});

	it('pinned MBG/NBD: one-time buyers P(alive) < 1, falling with the age of their only purchase', async () => {
		await setSetting(db, 'purchase_model', 'mbg-nbd');
		const res = await refreshModels(db);
		expect(res.purchase?.model).toBe('mbg-nbd');
		expect((await purchaseModelInUse(db))?.mode).toBe('pinned');
		const rows = await db.sql<{ age: number; p: number }>(
			`SELECT ('1998-06-30'::DATE - first_purchase_at::DATE) AS age, p.p_alive AS p
			 FROM customer_summary s JOIN current_predictions p USING (customer_id)
			 WHERE s.purchase_days = 1 ORDER BY age`
		);
		expect(rows.length).toBeGreaterThan(100);
		expect(rows.every((r) => r.p < 1)).toBe(true);
		for (let i = 1; i < rows.length; i++) expect(rows[i]!.p).toBeLessThanOrEqual(rows[i - 1]!.p + 1e-12);
		expect(rows[rows.length - 1]!.p).toBeLessThan(rows[0]!.p);
		await setSetting(db, 'purchase_model', 'auto');
	});
});
