import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDatasets } from '../helpers/db';
import { histories } from '../../src/lib/server/models/data';
import { fitBgNbd, fitMbgNbd } from '../../src/lib/server/models/fit';
import {
	mbgnbdExpectedIfAlive,
	mbgnbdExpectedPurchases,
	mbgnbdLogLikelihood,
	mbgnbdPAlive,
	type MbgNbdParams
} from '../../src/lib/server/models/mbgnbd';
import { bgnbdExpectedIfAlive } from '../../src/lib/server/models/bgnbd';

const dir = sharedDatasets();
if (!dir)
	console.warn('skipping the MBG/NBD CDNOW test: ../shared/datasets is absent (set CRM_SHARED_DATASETS)');

/** The 2,357-customer CDNOW calibration summary (weeks, calibration end 1997-09-30), as the BG/NBD test reads it. */
function readSummary(): { x: number; tx: number; T: number }[] {
	const text = readFileSync(join(dir!, 'cdnow', 'cdnow_customers_summary.csv'), 'utf8');
	return text
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [, x, tx, T] = line.split(',').map(Number);
			return { x: x!, tx: tx!, T: T! };
		});
}

/** ln Γ(z) for z > 0 by Stirling's series after shifting z above 10 (written here, independent of special.ts). */
function lnGamma(z: number): number {
	let shift = 0;
	while (z < 10) {
		shift -= Math.log(z);
		z += 1;
	}
	const z2 = 1 / (z * z);
	const series = (1 / z) * (1 / 12 - z2 * (1 / 360 - z2 * (1 / 1260 - z2 * (1 / 1680 - z2 / 1188))));
	return shift + (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series;
}

/** The MBG/NBD log-likelihood straight from the closed form with gamma functions (no products, no gradient). */
function closedFormLogLik(theta: number[], rows: { x: number; tx: number; T: number }[]): number {
	const [r, alpha, a, b] = theta as [number, number, number, number];
	let ll = 0;
	for (const { x, tx, T } of rows) {
		const base =
			lnGamma(r + x) -
			lnGamma(r) +
			r * Math.log(alpha) +
			lnGamma(a + b) +
			lnGamma(b + x + 1) -
			lnGamma(b) -
			lnGamma(a + b + x + 1);
		const stay = -(r + x) * Math.log(alpha + T);
		const leave = Math.log(a) - Math.log(b + x) - (r + x) * Math.log(alpha + tx);
		const hi = Math.max(stay, leave);
		ll += base + hi + Math.log(Math.exp(stay - hi) + Math.exp(leave - hi));
	}
	return ll;
}

/** Plain Nelder-Mead (standard coefficients 1, 2, ½, ½) on log-parameters, minimising f. */
function nelderMead(f: (u: number[]) => number, start: number[], iterations = 4000): number[] {
	const n = start.length;
	let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + 0.5 : v)))].map((p) => ({
		p,
		v: f(p)
	}));
	for (let it = 0; it < iterations; it++) {
		simplex.sort((a, b) => a.v - b.v);
		if (Math.abs(simplex[n]!.v - simplex[0]!.v) < 1e-13 * Math.abs(simplex[0]!.v)) break;
		const centroid = start.map((_, j) => simplex.slice(0, n).reduce((s, q) => s + q.p[j]!, 0) / n);
		const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n]!.p[j]! - c));
		const reflected = along(-1);
		const fr = f(reflected);
		if (fr < simplex[0]!.v) {
			const expanded = along(-2);
			const fe = f(expanded);
			simplex[n] = fe < fr ? { p: expanded, v: fe } : { p: reflected, v: fr };
		} else if (fr < simplex[n - 1]!.v) {
			simplex[n] = { p: reflected, v: fr };
		} else {
			const contracted = fr < simplex[n]!.v ? along(-0.5) : along(0.5);
			const fc2 = f(contracted);
			if (fc2 < Math.min(fr, simplex[n]!.v)) simplex[n] = { p: contracted, v: fc2 };
			else {
				const best = simplex[0]!.p;
				simplex = simplex.map((q, i) =>
					i === 0 ? q : { p: q.p.map((v, j) => best[j]! + 0.5 * (v - best[j]!)), v: 0 }
				);
				for (let i = 1; i <= n; i++) simplex[i]!.v = f(simplex[i]!.p);
			}
		}
	}
	simplex.sort((a, b) => a.v - b.v);
	return simplex[0]!.p;
}

function within(got: number, want: number, rel = 1e-3) {
	expect(Math.abs(got - want) / Math.abs(want), `${got} vs ${want}`).toBeLessThan(rel);
}

describe.skipIf(!dir)('MBG/NBD on CDNOW (weeks, 2,357 customers, calibration to 1997-09-30)', () => {
	// lifetimes' ModifiedBetaGeoFitter on this summary, its test `test_params_out_is_close_to_BTYDplus`
	// (lifetimes tests/test_estimation.py, "See https://github.com/mplatzer/BTYDplus"): r 0.525, alpha 6.183,
	// a 0.891, b 1.614 (three decimals).
	it('equals the published r=0.525 alpha=6.183 a=0.891 b=1.614 and an independent Nelder-Mead fit', () => {
		const rows = readSummary();
		const fit = fitMbgNbd(histories(rows));
		expect(fit.converged).toBe(true);
		expect(fit.model).toBe('mbg-nbd');
		expect(fit.nCustomers).toBe(2357);
		within(fit.params.r, 0.525);
		within(fit.params.alpha, 6.183);
		within(fit.params.a, 0.891);
		within(fit.params.b, 1.614);
		for (const se of Object.values(fit.stdErrors)) expect(se).toBeGreaterThan(0);
		// Second method: Nelder-Mead, no gradient, on the likelihood written with gamma functions.
		const u = nelderMead((v) => -closedFormLogLik(v.map(Math.exp), rows) / rows.length, [0, 0, 0, 0]);
		const [r, alpha, a, b] = u.map(Math.exp) as [number, number, number, number];
		within(fit.params.r, r);
		within(fit.params.alpha, alpha);
		within(fit.params.a, a);
		within(fit.params.b, b);
		expect(fit.logLikelihood).toBeCloseTo(closedFormLogLik([r, alpha, a, b], rows), 3);
		expect(fit.logLikelihood).toBeCloseTo(
			closedFormLogLik([fit.params.r, fit.params.alpha, fit.params.a, fit.params.b], rows),
			8
		);
		// It fits CDNOW about as well as BG/NBD (one-time buyers' drop-out costs little likelihood here).
		expect(Math.abs(fit.logLikelihood - fitBgNbd(histories(rows)).logLikelihood)).toBeLessThan(20);
	});
});

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const params = fc.record({
	r: positive(0.01, 10),
	alpha: positive(0.1, 100),
	a: positive(0.05, 10),
	b: positive(0.05, 20)
});

describe('MBG/NBD formulas', () => {
	it('P(alive | x = 0) is below 1 and falls as the customer ages', () => {
		fc.assert(
			fc.property(params, positive(0, 200), positive(0.01, 200), (p, T, dT) => {
				const young = mbgnbdPAlive(p, 0, 0, T);
				const old = mbgnbdPAlive(p, 0, 0, T + dT);
				expect(young).toBeLessThan(1);
				expect(young).toBeGreaterThan(0);
				expect(old).toBeLessThanOrEqual(young);
			})
		);
		// At T = 0 it is the chance of not leaving right after the first purchase, E[1 − p] = b / (a + b).
		expect(mbgnbdPAlive({ r: 1, alpha: 2, a: 1, b: 3 }, 0, 0, 0)).toBeCloseTo(0.75, 14);
	});

	it('for x > 0, P(alive) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x))', () => {
		fc.assert(
			fc.property(
				params,
				fc.integer({ min: 1, max: 40 }),
				positive(0.1, 150),
				positive(0, 1),
				(p, x, T, s) => {
					const tx = s * T;
					const want = 1 / (1 + (p.a / (p.b + x)) * Math.pow((p.alpha + T) / (p.alpha + tx), p.r + x));
					expect(mbgnbdPAlive(p, x, tx, T)).toBeCloseTo(want, 12);
				}
			)
		);
		// A worked number: r 0.525, α 6.183, a 0.891, b 1.614, x 2, tₓ 30.43, T 38.86.
		const p: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
		const k = (0.891 / 3.614) * Math.pow(45.043 / 36.613, 2.525);
		expect(mbgnbdPAlive(p, 2, 30.43, 38.86)).toBeCloseTo(1 / (1 + k), 14);
	});

	it('the conditional expectation is BG/NBD\u2019s with b + 1 and grows with the horizon', () => {
		const p: MbgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
		expect(mbgnbdExpectedIfAlive(p, 2, 38.86, 39)).toBe(
			bgnbdExpectedIfAlive({ ...p, b: 2.614 }, 2, 38.86, 39)
		);
		// (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))], the 2F1 summed here.
		const [x, T, t] = [2, 38.86, 39];
		const z = t / (p.alpha + T + t);
		let term = 1;
		let f = 1;
		for (let n = 0; n < 2000; n++) {
			term *= (((p.r + x + n) * (p.b + x + 1 + n)) / ((p.a + p.b + x + n) * (n + 1))) * z;
			f += term;
		}
		const want =
			((p.a + p.b + x) / (p.a - 1)) * (1 - Math.pow((p.alpha + T) / (p.alpha + T + t), p.r + x) * f);
		expect(mbgnbdExpectedIfAlive(p, x, T, t)).toBeCloseTo(want, 10);
		fc.assert(
			fc.property(
				params,
				fc.integer({ min: 0, max: 30 }),
				positive(0.1, 100),
				positive(0.1, 50),
				(q, x, T, t) => {
					const e1 = mbgnbdExpectedPurchases(q, x, x ? T / 2 : 0, T, t);
					const e2 = mbgnbdExpectedPurchases(q, x, x ? T / 2 : 0, T, 2 * t);
					expect(e1).toBeGreaterThanOrEqual(0);
					expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-9));
				}
			)
		);
	});

	it('the analytic gradient equals central differences of the log-likelihood', () => {
		const h = histories([
			{ x: 0, tx: 0, T: 30 },
			{ x: 0, tx: 0, T: 12.5 },
			{ x: 3, tx: 20, T: 35 },
			{ x: 1, tx: 2, T: 8, weight: 3 },
			{ x: 7, tx: 50, T: 51 }
		]);
		const p = [0.6, 5, 0.9, 1.7];
		const obj = (v: number[]) => mbgnbdLogLikelihood({ r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! }, h);
		const g = obj(p).gradient;
		const rows = [
			{ x: 0, tx: 0, T: 30 },
			{ x: 0, tx: 0, T: 12.5 },
			{ x: 3, tx: 20, T: 35 },
			{ x: 1, tx: 2, T: 8 },
			{ x: 1, tx: 2, T: 8 },
			{ x: 1, tx: 2, T: 8 },
			{ x: 7, tx: 50, T: 51 }
		];
		expect(obj(p).value).toBeCloseTo(closedFormLogLik(p, rows), 9);
		p.forEach((_, i) => {
			const up = [...p];
			const down = [...p];
			up[i]! += 1e-6;
			down[i]! -= 1e-6;
			expect(g[i]!).toBeCloseTo((obj(up).value - obj(down).value) / 2e-6, 5);
		});
	});
});
