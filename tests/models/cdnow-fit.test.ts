import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDatasets } from '../helpers/db';
import { histories } from '../../src/lib/server/models/data';
import { fitBgNbd, fitGammaGamma, fitParetoNbd } from '../../src/lib/server/models/fit';

const dir = sharedDatasets();
if (!dir) console.warn('skipping CDNOW model tests: ../shared/datasets is absent (set CRM_SHARED_DATASETS)');

function readSummary(): { x: number; tx: number; T: number; zbar: number }[] {
	const text = readFileSync(join(dir!, 'cdnow', 'cdnow_customers_summary_with_transactions.csv'), 'utf8');
	return text
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [, x, tx, T, zbar] = line.split(',').map(Number);
			return { x: x!, tx: tx!, T: T!, zbar: zbar! };
		});
}

/** |got − want| / |want| within 0.1% (the published values have 4-5 significant digits). */
function within(got: number, want: number, rel = 1e-3) {
	expect(Math.abs(got - want) / Math.abs(want), `${got} vs ${want}`).toBeLessThan(rel);
}

describe.skipIf(!dir)('published CDNOW fits (Fader, Hardie & Lee 2005; Fader & Hardie notes)', () => {
	it('BG/NBD: r=0.2426 alpha=4.4135 a=0.7929 b=2.4258 LL=-9582.43', () => {
		const fit = fitBgNbd(histories(readSummary()));
		expect(fit.converged).toBe(true);
		within(fit.params.r, 0.2426);
		within(fit.params.alpha, 4.4135);
		within(fit.params.a, 0.7929);
		within(fit.params.b, 2.4258);
		within(fit.logLikelihood, -9582.43, 1e-5);
		expect(fit.nCustomers).toBe(2357);
		for (const se of Object.values(fit.stdErrors)) expect(se).toBeGreaterThan(0);
	});

	it('Pareto/NBD: r=0.5532 alpha=10.577 s=0.6062 beta=11.669 LL=-9594.97', () => {
		const fit = fitParetoNbd(histories(readSummary()));
		expect(fit.converged).toBe(true);
		within(fit.params.r, 0.5532);
		within(fit.params.alpha, 10.577);
		within(fit.params.s, 0.6062);
		within(fit.params.beta, 11.669);
		within(fit.logLikelihood, -9594.97, 1e-5);
	});

	it('Gamma-Gamma on the 946 repeat customers: p=6.2488 q=3.7446 v=15.4477', () => {
		const rows = readSummary();
		const fit = fitGammaGamma({
			x: Float64Array.from(rows, (r) => r.x),
			m: Float64Array.from(rows, (r) => r.zbar),
			weight: Float64Array.from(rows, () => 1)
		});
		expect(fit.converged).toBe(true);
		expect(fit.nCustomers).toBe(946);
		within(fit.params.p, 6.2488);
		within(fit.params.q, 3.7446);
		within(fit.params.v, 15.4477);
	});
});
