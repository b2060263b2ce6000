import { describe, expect, it } from 'vitest';
import { bgnbdPAlive } from '../../src/lib/server/models/bgnbd';
import { mbgnbdPAlive } from '../../src/lib/server/models/mbgnbd';
import { paretoPAlive } from '../../src/lib/server/models/paretonbd';
import { churnProbability, quietIfAliveNbd, quietIfAlivePareto } from '../../src/lib/server/models/purchase';
import { betaVariate, gammaVariate, seededRandom } from '../../src/lib/server/models/simulate';

// Monte Carlo check of the churn probability P(no purchase in (T, T+N] | x, tₓ, T) (purchase.ts): customers are drawn
// from each model's own story, watched over (0, T], and their predicted churn probability, averaged within groups
// of the history (x), must equal the share of them who then make no purchase in (T, T+N]. By the law of total
// probability this holds exactly for the right formula; the tolerance is 4 standard errors of the share.
const T = 39;
const N = 13;
const CUSTOMERS = 40_000;

interface Simulated {
	x: number;
	tx: number;
	quiet: boolean;
}

/** One BG/NBD (or MBG/NBD, dropping out also at time zero) customer watched over (0, T + N]. */
function nbdCustomer(
	rand: () => number,
	p: { r: number; alpha: number; a: number; b: number },
	atZero: boolean
): Simulated {
	const lambda = gammaVariate(rand, p.r, p.alpha);
	const drop = betaVariate(rand, p.a, p.b);
	let alive = !(atZero && rand() < drop);
	let t = 0;
	let x = 0;
	let tx = 0;
	let later = false;
	while (alive) {
		t += -Math.log(1 - rand()) / lambda;
		if (t > T + N) break;
		if (t <= T) {
			x++;
			tx = t;
		} else later = true;
		if (rand() < drop) alive = false;
	}
	return { x, tx, quiet: !later };
}

/** One Pareto/NBD customer: Poisson(λ) purchases until an exponential(μ) lifetime ends. */
function paretoCustomer(
	rand: () => number,
	p: { r: number; alpha: number; s: number; beta: number }
): Simulated {
	const lambda = gammaVariate(rand, p.r, p.alpha);
	const mu = gammaVariate(rand, p.s, p.beta);
	const death = -Math.log(1 - rand()) / mu;
	let t = 0;
	let x = 0;
	let tx = 0;
	let later = false;
	for (;;) {
		t += -Math.log(1 - rand()) / lambda;
		if (t > T + N || t > death) break;
		if (t <= T) {
			x++;
			tx = t;
		} else later = true;
	}
	return { x, tx, quiet: !later };
}

function compare(customers: Simulated[], predict: (c: Simulated) => number): void {
	const groups = new Map<string, { n: number; quiet: number; predicted: number }>();
	for (const c of customers) {
		for (const key of ['all', c.x >= 3 ? '3+' : String(c.x)]) {
			const g = groups.get(key) ?? { n: 0, quiet: 0, predicted: 0 };
			g.n++;
			g.quiet += c.quiet ? 1 : 0;
			g.predicted += predict(c);
			groups.set(key, g);
		}
	}
	for (const key of ['all', '0', '1', '2', '3+']) {
		const g = groups.get(key)!;
		expect(g.n, key).toBeGreaterThan(1000);
		const share = g.quiet / g.n;
		const se = Math.sqrt((share * (1 - share)) / g.n);
		expect(Math.abs(g.predicted / g.n - share), `${key}: ${g.predicted / g.n} vs ${share}`).toBeLessThan(
			4 * se + 1e-3
		);
	}
}

describe('churn probability = P(no purchase in the next N) (Monte Carlo)', () => {
	it('BG/NBD: 1 - P(alive) + P(alive)((α+T)/(α+T+N))^(r+x)', () => {
		const p = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
		const rand = seededRandom(13);
		const customers = Array.from({ length: CUSTOMERS }, () => nbdCustomer(rand, p, false));
		compare(customers, (c) =>
			churnProbability(bgnbdPAlive(p, c.x, c.tx, T), quietIfAliveNbd(p.r, p.alpha, c.x, T, N))
		);
	});

	it('MBG/NBD: the same conditional term, with its own P(alive)', () => {
		const p = { r: 0.525, alpha: 6.18, a: 0.891, b: 1.614 };
		const rand = seededRandom(17);
		const customers = Array.from({ length: CUSTOMERS }, () => nbdCustomer(rand, p, true));
		compare(customers, (c) =>
			churnProbability(mbgnbdPAlive(p, c.x, c.tx, T), quietIfAliveNbd(p.r, p.alpha, c.x, T, N))
		);
	});

	it('Pareto/NBD: the one-dimensional integral over the time of the next purchase', () => {
		const p = { r: 0.553, alpha: 10.58, s: 0.606, beta: 11.67 };
		const rand = seededRandom(19);
		const customers = Array.from({ length: CUSTOMERS }, () => paretoCustomer(rand, p));
		compare(customers, (c) =>
			churnProbability(paretoPAlive(p, c.x, c.tx, T), quietIfAlivePareto(p, c.x, T, N))
		);
	});

	it('Pareto/NBD with s → 0 (nobody leaves) reduces to the BG/NBD-form term', () => {
		const p = { r: 0.8, alpha: 5, s: 1e-9, beta: 10 };
		for (const [x, t] of [
			[0, 10],
			[3, 40],
			[12, 80]
		] as const)
			expect(quietIfAlivePareto(p, x, t, N)).toBeCloseTo(quietIfAliveNbd(p.r, p.alpha, x, t, N), 6);
	});
});
