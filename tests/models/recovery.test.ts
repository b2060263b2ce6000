import { describe, expect, it } from 'vitest';
import { simulateBgNbdHistories } from '../../src/lib/server/models/simulate';
import { fitBgNbd } from '../../src/lib/server/models/fit';
import { BGNBD_PARAMS, type BgNbdParams } from '../../src/lib/server/models/bgnbd';

/**
 * Parameter recovery: 100,000 customers simulated from known BG/NBD parameters (in days, purchase times rounded to
 * whole days, first purchases spread over a year, calibration two years), fitted back. Each estimate must lie
 * within three standard errors of the truth. Same-day purchases keep their own count here (mergeSameDay: false):
 * merging them, as real data does, biases alpha by about 3-4 standard errors at this size (docs/MODELS.md).
 */
describe('BG/NBD parameter recovery', () => {
	const truth: BgNbdParams = { r: 0.3, alpha: 60, a: 0.8, b: 2.5 };

	it('recovers known parameters within 3 standard errors at 100k customers', () => {
		const data = simulateBgNbdHistories(truth, 100_000, { seed: 20240601, mergeSameDay: false });
		const fit = fitBgNbd(data);
		expect(fit.converged).toBe(true);
		expect(fit.nCustomers).toBe(100_000);
		for (const k of BGNBD_PARAMS) {
			const se = fit.stdErrors[k]!;
			expect(se).toBeGreaterThan(0);
			// A standard error that is too large would make the check meaningless: keep it below 5% of the value.
			expect(se / truth[k]).toBeLessThan(0.05);
			expect(Math.abs(fit.params[k] - truth[k]) / se, `${k}: ${fit.params[k]} ± ${se}`).toBeLessThan(3);
		}
	});

	it('a fit to data from other parameters is far from these (the check can fail)', () => {
		const data = simulateBgNbdHistories({ ...truth, alpha: 90 }, 20_000, { seed: 7, mergeSameDay: false });
		const fit = fitBgNbd(data);
		expect(Math.abs(fit.params.alpha - truth.alpha) / fit.stdErrors.alpha!).toBeGreaterThan(3);
	});
});
