import { describe, expect, it } from 'vitest';
import { digamma, lgamma } from '../../src/lib/server/models/special';
import { logHyp2f1 } from '../../src/lib/server/models/hyp2f1';
import { minimizeBfgs } from '../../src/lib/server/models/optimize';
import { paretoLogA0 } from '../../src/lib/server/models/paretonbd';
import { bgnbdExpectedPurchases, bgnbdLogLikelihood, bgnbdPAlive } from '../../src/lib/server/models/bgnbd';
import { gammaGammaLogLikelihood } from '../../src/lib/server/models/gammagamma';
import { groupHistories, histories } from '../../src/lib/server/models/data';
import { fitBgNbd } from '../../src/lib/server/models/fit';

const close = (got: number, want: number, rel = 1e-12) =>
	expect(Math.abs(got - want), `${got} vs ${want}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(want)));

describe('special functions', () => {
	it('lgamma matches known values', () => {
		close(lgamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
		close(lgamma(1), 0, 1e-14);
		close(lgamma(10), Math.log(362880), 1e-14);
		close(lgamma(0.1), 2.252712651734206, 1e-13);
		close(lgamma(1e-8), 18.420680738180209, 1e-13);
		for (const z of [0.3, 2.7, 17.2, 300.5]) close(lgamma(z + 1) - lgamma(z), Math.log(z), 1e-12);
	});

	it('digamma matches known values and is the derivative of lgamma', () => {
		close(digamma(1), -0.5772156649015329, 1e-14);
		close(digamma(0.5), -1.9635100260214235, 1e-14);
		for (const z of [0.05, 0.9, 3.3, 40])
			close(digamma(z), (lgamma(z + 1e-6) - lgamma(z - 1e-6)) / 2e-6, 1e-7);
	});
});

describe('Gauss hypergeometric 2F1', () => {
	it('matches closed forms, also near z = 1', () => {
		for (const z of [0.1, 0.5, 0.9, 0.99, 0.999]) {
			close(Math.exp(logHyp2f1(1, 1, 2, z)), -Math.log1p(-z) / z, 1e-12);
			close(logHyp2f1(2.5, 1.3, 1.3, z), -2.5 * Math.log1p(-z), 1e-12);
		}
	});

	it('gives the Pareto/NBD A0 equal to its integral form in both branches (alpha >= beta and alpha < beta)', () => {
		// A0 = (r+s+x) ∫_tx^T (α+y)^−(r+x) (β+y)^−(s+1) dy, by Simpson's rule on a fine grid.
		const integral = (
			r: number,
			alpha: number,
			s: number,
			beta: number,
			x: number,
			tx: number,
			T: number
		) => {
			const n = 20000;
			const h = (T - tx) / n;
			const f = (y: number) => Math.pow(alpha + y, -(r + x)) * Math.pow(beta + y, -(s + 1));
			let sum = f(tx) + f(T);
			for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(tx + i * h);
			return ((r + s + x) * sum * h) / 3;
		};
		const cases = [
			[0.55, 10.6, 0.61, 11.7, 2, 30.4, 38.9],
			[0.55, 11.7, 0.61, 10.6, 2, 30.4, 38.9],
			[2.0, 300, 0.2, 0.5, 0, 0, 50], // alpha >> beta: argument close to 1
			[0.2, 0.5, 3.0, 400, 5, 1, 80], // beta >> alpha
			[1.5, 7, 1.5, 7, 3, 4, 20] // alpha = beta: z = 0
		];
		for (const [r, alpha, s, beta, x, tx, T] of cases) {
			const got = paretoLogA0({ r: r!, alpha: alpha!, s: s!, beta: beta! }, x!, tx!, T!);
			close(got, Math.log(integral(r!, alpha!, s!, beta!, x!, tx!, T!)), 1e-9);
		}
	});
});

describe('BG/NBD conditional predictions', () => {
	it('reproduce the published conditional expectation (Fader, Hardie & Lee 2005)', () => {
		// A CDNOW customer with x = 2, t_x = 30.43, T = 38.86 weeks is expected to buy 1.226 times in the next 39 weeks.
		const p = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
		expect(bgnbdExpectedPurchases(p, 2, 30.43, 38.86, 39)).toBeCloseTo(1.226, 3);
		// A customer who bought as often but stopped long ago is less likely alive than one who bought recently.
		expect(bgnbdPAlive(p, 2, 5, 38.86)).toBeLessThan(bgnbdPAlive(p, 2, 30.43, 38.86));
	});
});

describe('analytic gradients equal central differences', () => {
	const h = groupHistories(
		histories([
			{ x: 0, tx: 0, T: 30 },
			{ x: 3, tx: 20.5, T: 35 },
			{ x: 1, tx: 2, T: 10, weight: 4 },
			{ x: 12, tx: 38, T: 39 }
		])
	);
	it('BG/NBD', () => {
		const p = [0.3, 5.1, 0.8, 2.2];
		const f = (q: number[]) => bgnbdLogLikelihood({ r: q[0]!, alpha: q[1]!, a: q[2]!, b: q[3]! }, h);
		const g = f(p).gradient;
		p.forEach((_, i) => {
			const up = [...p];
			const dn = [...p];
			up[i]! += 1e-6;
			dn[i]! -= 1e-6;
			close(g[i]!, (f(up).value - f(dn).value) / 2e-6, 1e-6);
		});
	});
	it('Gamma-Gamma', () => {
		const s = {
			x: Float64Array.of(1, 4, 9),
			m: Float64Array.of(20, 35.5, 12),
			weight: Float64Array.of(1, 2, 1)
		};
		const p = [6, 3.7, 15];
		const f = (q: number[]) => gammaGammaLogLikelihood({ p: q[0]!, q: q[1]!, v: q[2]! }, s);
		const g = f(p).gradient;
		p.forEach((_, i) => {
			const up = [...p];
			const dn = [...p];
			up[i]! += 1e-6;
			dn[i]! -= 1e-6;
			close(g[i]!, (f(up).value - f(dn).value) / 2e-6, 1e-6);
		});
	});
});

describe('fitting', () => {
	it('BFGS finds the minimum of the Rosenbrock function', () => {
		const res = minimizeBfgs(
			([x, y]) => ({
				value: (1 - x!) ** 2 + 100 * (y! - x! ** 2) ** 2,
				gradient: [-2 * (1 - x!) - 400 * x! * (y! - x! ** 2), 200 * (y! - x! ** 2)]
			}),
			[-1.2, 1]
		);
		expect(res.converged).toBe(true);
		close(res.x[0]!, 1, 1e-6);
		close(res.x[1]!, 1, 1e-6);
	});

	it('grouping identical histories does not change the fit, and a penalizer shrinks the parameters', () => {
		const rows = Array.from({ length: 300 }, (_, i) => ({ x: i % 5, tx: (i % 5) * 3, T: 20 + (i % 7) }));
		const ungrouped = fitBgNbd(histories(rows), { grouped: true });
		const grouped = fitBgNbd(histories(rows));
		close(grouped.logLikelihood, ungrouped.logLikelihood, 1e-9);
		close(grouped.params.r, ungrouped.params.r, 1e-5);
		const penalised = fitBgNbd(histories(rows), { penalizer: 0.1 });
		const size = (p: object) => Object.values(p as Record<string, number>).reduce((s, v) => s + v * v, 0);
		expect(size(penalised.params)).toBeLessThan(size(grouped.params));
	});

	it('reports a fit that cannot converge as not converged', () => {
		const rows = Array.from({ length: 50 }, () => ({ x: 2, tx: 5, T: 10 }));
		const fit = fitBgNbd(histories(rows), { maxIterations: 2 });
		expect(fit.converged).toBe(false);
		expect(fit.message).toMatch(/limit/);
	});
});
