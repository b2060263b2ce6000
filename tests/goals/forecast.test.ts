import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { trendForecast } from '../../src/lib/server/goals';

describe('trendForecast (OLS trend, 80% prediction interval)', () => {
	it('matches a hand computation on 1, 2, 4', () => {
		// slope 1.5, intercept 5/6, SSE 1/6, s = 0.4082; x0 = 3: 5/6 + 4.5; half = t(0.9, 1) * s * sqrt(1 + 1/3 + 4/2)
		const f = trendForecast([1, 2, 4], 1)!;
		expect(f.value).toBeCloseTo(16 / 3, 10);
		expect(f.high - f.value).toBeCloseTo(3.078 * Math.sqrt(1 / 6) * Math.sqrt(10 / 3), 10);
		expect(f.value - f.low).toBeCloseTo(f.high - f.value, 10);
		expect(f.n).toBe(3);
	});

	it('needs 3 values', () => {
		expect(trendForecast([1, 2], 1)).toBeNull();
	});

	it('extends an exact line exactly, and the interval widens with the horizon', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -100, max: 100, noNaN: true }),
				fc.double({ min: -10, max: 10, noNaN: true }),
				fc.integer({ min: 3, max: 20 }),
				fc.integer({ min: 1, max: 12 }),
				(a, b, n, h) => {
					const values = Array.from({ length: n }, (_, i) => a + b * i);
					const f = trendForecast(values, h)!;
					expect(f.value).toBeCloseTo(a + b * (n - 1 + h), 6);
					expect(f.high - f.low).toBeLessThan(1e-6);
				}
			)
		);
		const noisy = [3, 5, 4, 6, 8, 7, 9];
		expect(trendForecast(noisy, 4)!.high - trendForecast(noisy, 4)!.low).toBeGreaterThan(
			trendForecast(noisy, 1)!.high - trendForecast(noisy, 1)!.low
		);
	});
});
