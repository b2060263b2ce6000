import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDatasets, tempDb } from '../helpers/db';
import { crm } from '../helpers/cli';
import { loadCdnowSample } from './cdnow';

const dir = sharedDatasets();
if (!dir) console.warn('skipping the model CLI test: ../shared/datasets is absent');

describe.skipIf(!dir)('crm fit / predict / validate', () => {
	let path: string;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		await loadCdnowSample(t.db, join(dir!, 'cdnow', 'cdnow_sample.csv'));
		t.db.close();
		path = t.path;
		cleanup = t.cleanup;
	});
	afterAll(() => cleanup());

	it('fit --json prints the fitted model with its convergence', () => {
		const r = crm(['--db', path, 'fit', '--model', 'bgnbd', '--calibration-end', '1997-09-30', '--json']);
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as Record<string, unknown> & { params: Record<string, number> };
		expect(Object.keys(out)).toEqual(
			expect.arrayContaining([
				'model',
				'params',
				'log_likelihood',
				'n_customers',
				'converged',
				'iterations',
				'duration_ms'
			])
		);
		expect(out).toMatchObject({ model: 'bgnbd', converged: true, n_customers: 2357 });
		expect(out.params.r).toBeCloseTo(0.2426, 3);
	});

	it('fit --model mbg-nbd fits MBG/NBD on the database (lifetimes: r 0.525, alpha 6.183, a 0.891, b 1.614)', () => {
		const r = crm(['--db', path, 'fit', '--model', 'mbg-nbd', '--calibration-end', '1997-09-30', '--json']);
		expect(r.status, r.stderr).toBe(0);
		const out = JSON.parse(r.stdout) as { model: string; converged: boolean; params: Record<string, number> };
		expect(out).toMatchObject({ model: 'mbg-nbd', converged: true });
		expect(out.params.r).toBeCloseTo(0.525, 3);
		expect(out.params.alpha).toBeCloseTo(6.183, 2);
		expect(out.params.a).toBeCloseTo(0.891, 3);
		expect(out.params.b).toBeCloseTo(1.614, 3);
	});

	it('says what was wrong for a bad option (exit 2)', () => {
		const r = crm(['--db', path, 'fit', '--model', 'bg', '--json']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/--model must be one of bgnbd, mbg-nbd, pareto-nbd, gamma-gamma, got 'bg'/);
		const v = crm([
			'--db',
			path,
			'validate',
			'--calibration-end',
			'1998-01-01',
			'--holdout-end',
			'1997-01-01'
		]);
		expect(v.status).toBe(2);
		expect(v.stderr).toMatch(/must be after/);
	});

	it('predict --csv writes one row per customer; validate --json returns the chart data', () => {
		const out = join(path, '..', `${Date.now()}-predictions.csv`);
		const p = crm(['--db', path, 'predict', '--horizon', '180', '--csv', '--out', out]);
		expect(p.status, p.stderr).toBe(0);
		expect(p.stderr).toMatch(/wrote 2357 predictions/);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		rmSync(out, { force: true });
		expect(lines[0]).toMatch(/^customer_id,model,as_of,horizon_days,expected_purchases,p_alive/);
		expect(lines).toHaveLength(2358);
		const v = crm([
			'--db',
			path,
			'validate',
			'--calibration-end',
			'1997-09-30',
			'--holdout-end',
			'1998-06-30',
			'--json'
		]);
		expect(v.status, v.stderr).toBe(0);
		const res = JSON.parse(v.stdout) as { total: { actual: number }; cumulative: unknown[] };
		expect(res.cumulative).toHaveLength(39);
		expect(res.total.actual).toBeGreaterThan(0);
	});
});
