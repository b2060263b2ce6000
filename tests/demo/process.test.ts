import { describe, expect, it } from 'vitest';
import {
	DEMO_PARAMS,
	buildSeason,
	operationalWeeks,
	resolveDemoOptions,
	simulateAll
} from '../../src/lib/server/demo';
import { T } from '../../src/lib/server/demo/events';
import {
	expectedRepeatPurchases,
	expectedRepeatPurchasesByQuadrature,
	mean,
	standardError
} from './bgnbd-expectation';

const { r, alpha, a, b } = DEMO_PARAMS.bgnbd;

describe('E[X(t)] helper', () => {
	it('agrees with an independent quadrature of the same expectation', () => {
		for (const t of [1, 10, 52, 156]) {
			const closed = expectedRepeatPurchases(r, alpha, a, b, t);
			const numeric = expectedRepeatPurchasesByQuadrature(r, alpha, a, b, t);
			expect(closed).toBeGreaterThan(0);
			expect(Math.abs(closed - numeric) / numeric).toBeLessThan(1e-3);
		}
	});

	it('grows like r t / alpha for small t (before anyone can drop out)', () => {
		const t = 1e-3;
		expect(expectedRepeatPurchases(r, alpha, a, b, t)).toBeCloseTo((r * t) / alpha, 8);
	});
});

const cache = new Map<string, ReturnType<typeof simulatePurchases>>();

/** Per customer: repeat purchases, E[X(T)] for its observation length, first order value, latent draws. */
function repeatPurchases(seasonality: boolean, customers: number) {
	const key = `${seasonality}:${customers}`;
	const hit = cache.get(key) ?? simulatePurchases(seasonality, customers);
	cache.set(key, hit);
	return hit;
}

function simulatePurchases(seasonality: boolean, customers: number) {
	const o = resolveDemoOptions({ customers, seed: 2024, seasonality });
	const season = buildSeason(o.start, o.end, o.seasonality);
	const x = new Float64Array(customers);
	const expected = new Float64Array(customers);
	const firstOrderValue = new Float64Array(customers);
	const lambda = new Float64Array(customers);
	const p = new Float64Array(customers);
	simulateAll(o, (c, ev) => {
		let n = 0;
		let first = -1;
		for (let k = 0; k < ev.size; k++) {
			const e = ev.byTime[k]!;
			if (ev.type[e] !== T.purchase) continue;
			n++;
			if (first < 0) first = ev.amountK[e]! * 1000;
		}
		x[c.index] = n - 1;
		firstOrderValue[c.index] = first;
		lambda[c.index] = c.latent.lambda;
		p[c.index] = c.latent.p;
		const weeks = operationalWeeks(season, c.latent.firstPurchaseAt, season.seconds);
		expected[c.index] = expectedRepeatPurchases(r, alpha, a, b, weeks);
	});
	return { x, expected, firstOrderValue, lambda, p };
}

describe('purchases follow the documented BG/NBD and Gamma-Gamma processes', () => {
	const N = 20_000;

	for (const seasonality of [true, false]) {
		it(`mean repeat purchases match E[X(T)] (seasonality ${seasonality ? 'on' : 'off'})`, () => {
			const { x, expected } = repeatPurchases(seasonality, N);
			// Each customer's x - E[X(T_i)] has mean 0; the tolerance is 4 standard errors of that mean.
			const residual = x.map((xi, i) => xi - expected[i]!);
			const se = standardError(residual);
			expect(mean(x)).toBeGreaterThan(0.5);
			expect(Math.abs(mean(residual))).toBeLessThan(4 * se);
		});
	}

	it('draws lambda and p with the documented means', () => {
		const { lambda, p } = repeatPurchases(true, N);
		expect(Math.abs(mean(lambda) - r / alpha)).toBeLessThan(4 * standardError(lambda));
		expect(Math.abs(mean(p) - a / (a + b))).toBeLessThan(4 * standardError(p));
	});

	it('has a mean order value of p gamma / (q - 1) VND, rounded to 1,000 VND', () => {
		const { firstOrderValue } = repeatPurchases(true, N);
		const { p, q, gamma } = DEMO_PARAMS.gammaGamma;
		expect(firstOrderValue.every((v) => v >= 1000 && v % 1000 === 0)).toBe(true);
		const expected = (p * gamma) / (q - 1);
		expect(Math.abs(mean(firstOrderValue) - expected)).toBeLessThan(4 * standardError(firstOrderValue) + 500);
	});
});
