import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bgnbdExpectedPurchases, bgnbdPAlive } from '../../src/lib/server/models/bgnbd';
import { paretoExpectedPurchases, paretoPAlive } from '../../src/lib/server/models/paretonbd';
import { predictedClv } from '../../src/lib/server/models/clv';

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const bgParams = fc.record({
	r: positive(0.01, 10),
	alpha: positive(0.1, 100),
	a: positive(0.05, 10),
	b: positive(0.05, 20)
});
const paretoParams = fc.record({
	r: positive(0.01, 10),
	alpha: positive(0.1, 100),
	s: positive(0.05, 10),
	beta: positive(0.1, 100)
});
const ggParams = fc.record({ p: positive(0.5, 20), q: positive(1.1, 20), v: positive(0.5, 100) });
/** A customer history: x repeat days, 0 <= t_x <= T, t_x = 0 when x = 0. */
const history = fc
	.record({ x: fc.integer({ min: 0, max: 60 }), T: positive(0.1, 200), share: positive(0, 1) })
	.map(({ x, T, share }) => ({ x, T, tx: x === 0 ? 0 : T * share }));

describe('model properties', () => {
	it('BG/NBD P(alive) lies in [0, 1] and is 1 for a customer without repeat purchases', () => {
		fc.assert(
			fc.property(bgParams, history, (p, h) => {
				const pa = bgnbdPAlive(p, h.x, h.tx, h.T);
				expect(pa).toBeGreaterThanOrEqual(0);
				expect(pa).toBeLessThanOrEqual(1);
				if (h.x === 0) expect(pa).toBe(1);
			})
		);
	});

	it('Pareto/NBD P(alive) lies in [0, 1]', () => {
		fc.assert(
			fc.property(paretoParams, history, (p, h) => {
				const pa = paretoPAlive(p, h.x, h.tx, h.T);
				expect(pa).toBeGreaterThanOrEqual(0);
				expect(pa).toBeLessThanOrEqual(1);
			})
		);
	});

	it('expected purchases grow with the horizon (BG/NBD and Pareto/NBD)', () => {
		fc.assert(
			fc.property(
				bgParams,
				paretoParams,
				history,
				positive(0.1, 100),
				positive(0.1, 100),
				(bg, pn, h, t1, dt) => {
					const e1 = bgnbdExpectedPurchases(bg, h.x, h.tx, h.T, t1);
					const e2 = bgnbdExpectedPurchases(bg, h.x, h.tx, h.T, t1 + dt);
					expect(e1).toBeGreaterThanOrEqual(0);
					expect(e2).toBeGreaterThanOrEqual(e1 * (1 - 1e-9));
					const f1 = paretoExpectedPurchases(pn, h.x, h.tx, h.T, t1);
					const f2 = paretoExpectedPurchases(pn, h.x, h.tx, h.T, t1 + dt);
					expect(f2).toBeGreaterThanOrEqual(f1 * (1 - 1e-9));
				}
			)
		);
	});

	it('predicted CLV is zero for a horizon of zero and not negative otherwise', () => {
		fc.assert(
			fc.property(
				bgParams,
				ggParams,
				history,
				positive(0.1, 500),
				positive(0, 100),
				(bg, gg, h, m, horizon) => {
					const c = { ...h, m };
					expect(predictedClv(bg, gg, c, { horizon: 0, month: 4.35, discountRate: 0.01 })).toBe(0);
					expect(
						predictedClv(bg, gg, c, { horizon, month: 4.35, discountRate: 0.01 })
					).toBeGreaterThanOrEqual(0);
				}
			)
		);
	});
});
