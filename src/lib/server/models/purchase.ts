import { bgnbdExpectedIfAlive, bgnbdMedianTimeToNext, bgnbdPAlive, type BgNbdParams } from './bgnbd';
import { mbgnbdExpectedIfAlive, mbgnbdMedianTimeToNext, mbgnbdPAlive, type MbgNbdParams } from './mbgnbd';
import { paretoExpectedPurchases, paretoPAlive, type ParetoNbdParams } from './paretonbd';

/** The purchase (count) models: each predicts P(alive) and purchases; the refresh chooses one (docs/MODELS.md). */
export type PurchaseModel = 'bgnbd' | 'mbg-nbd' | 'pareto-nbd';
export const PURCHASE_MODELS: readonly PurchaseModel[] = ['bgnbd', 'mbg-nbd', 'pareto-nbd'];

/**
 * What every reader of a purchase model needs, per customer history (x, tₓ, T in the model's time unit):
 * P(alive), the expected purchases in (T, T+t] of a customer alive at T (depends on (x, T) only, cached here) and
 * the median time to the next purchase of an alive customer. E[Y(t)] = pAlive · ifAlive for all three models.
 */
export interface PurchaseFunctions {
	pAlive(x: number, tx: number, T: number): number;
	ifAlive(x: number, T: number, t: number): number;
	medianTimeToNext(x: number, T: number): number;
	/** P(no purchase in (T, T+n] | alive at T, x, T): depends on (x, T) only (see quietIfAlive*). */
	quietIfAlive(x: number, T: number, n: number): number;
}

/**
 * Churn probability over a window of n time units: the probability that the customer makes no purchase in
 * (T, T+n], the model's reading of the lifecycle rule "no purchase in the last n days" (setting inactivity_days):
 *   P(quiet) = (1 - P(alive)) + P(alive) · P(no purchase in (T, T+n] | alive at T).
 * A customer who has left makes no purchase; one alive at T is quiet with the model's conditional probability.
 */
export function churnProbability(pAlive: number, quietIfAlive: number): number {
	return 1 - pAlive + pAlive * quietIfAlive;
}

/**
 * BG/NBD and MBG/NBD: P(no purchase in (T, T+n] | alive at T, x, T) = ((α+T)/(α+T+n))^(r+x).
 * Derivation: both models drop a customer out only at a purchase (BG/NBD after one, MBG/NBD also at time zero), so a
 * customer alive at T makes no purchase in (T, T+n] exactly when the Poisson(λ) process has no event in it,
 * probability e^(-λn). Given alive at T the likelihood of the history is λ^x e^(-λT) times a factor free of λ
 * (Fader, Hardie & Lee 2005, eq. 3; Batislam, Denizel & Filiztekin 2007), so with the Gamma(r, α) prior
 * λ | history, alive ~ Gamma(r+x, α+T), and E[e^(-λn)] = ((α+T)/(α+T+n))^(r+x) (the Gamma's Laplace transform).
 */
export function quietIfAliveNbd(r: number, alpha: number, x: number, T: number, n: number): number {
	return Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + n)));
}

/**
 * Pareto/NBD: P(no purchase in (T, T+n] | alive at T, x, T). Given alive at T the likelihood is λ^x e^(-(λ+μ)T)
 * (Schmittlein, Morrison & Colombo 1987), so λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), independent. A customer
 * with rates (λ, μ) alive at T buys in (T, T+n] when the first purchase comes before both death and T+n:
 * P(buy) = ∫₀ⁿ λ e^(-(λ+μ)u) du, and taking expectations inside the integral
 *   P(buy) = ∫₀ⁿ (r+x)/(α+T) · ((α+T)/(α+T+u))^(r+x+1) · ((β+T)/(β+T+u))^s du,
 * a smooth one-dimensional integral (Simpson's rule, 64 intervals). s → 0 gives the BG/NBD-form term above.
 */
export function quietIfAlivePareto(p: ParetoNbdParams, x: number, T: number, n: number): number {
	if (!(n > 0)) return 1;
	const k = 64;
	const h = n / k;
	const a = p.alpha + T;
	const b = p.beta + T;
	const f = (u: number) =>
		((p.r + x) / a) * Math.exp((p.r + x + 1) * Math.log(a / (a + u)) + p.s * Math.log(b / (b + u)));
	let sum = f(0) + f(n);
	for (let i = 1; i < k; i++) sum += (i % 2 ? 4 : 2) * f(i * h);
	return Math.min(1, Math.max(0, 1 - (sum * h) / 3));
}

export function purchaseFunctions(model: PurchaseModel, params: Record<string, number>): PurchaseFunctions {
	const cache = new Map<string, number>();
	const cached = (f: (x: number, T: number, t: number) => number) => (x: number, T: number, t: number) => {
		const key = `${x}|${T}|${t}`;
		let v = cache.get(key);
		if (v === undefined) cache.set(key, (v = f(x, T, t)));
		return v;
	};
	if (model === 'mbg-nbd') {
		const p = params as unknown as MbgNbdParams;
		return {
			pAlive: (x, tx, T) => mbgnbdPAlive(p, x, tx, T),
			ifAlive: cached((x, T, t) => mbgnbdExpectedIfAlive(p, x, T, t)),
			medianTimeToNext: (x, T) => mbgnbdMedianTimeToNext(p, x, T),
			quietIfAlive: (x, T, n) => quietIfAliveNbd(p.r, p.alpha, x, T, n)
		};
	}
	if (model === 'bgnbd') {
		const p = params as unknown as BgNbdParams;
		return {
			pAlive: (x, tx, T) => bgnbdPAlive(p, x, tx, T),
			ifAlive: cached((x, T, t) => bgnbdExpectedIfAlive(p, x, T, t)),
			medianTimeToNext: (x, T) => bgnbdMedianTimeToNext(p, x, T),
			quietIfAlive: (x, T, n) => quietIfAliveNbd(p.r, p.alpha, x, T, n)
		};
	}
	const p = params as unknown as ParetoNbdParams;
	return {
		pAlive: (x, tx, T) => paretoPAlive(p, x, tx, T),
		// At tₓ = T, P(alive) = 1, so E[Y(t) | x, T, T] is the expectation of an alive customer; it does not depend on tₓ.
		ifAlive: (x, T, t) => paretoExpectedPurchases(p, x, T, T, t),
		// λ | data, alive ~ Gamma(r+x, α+T) as in BG/NBD: the median wait for the next purchase of a customer who
		// stays active until then (Pareto/NBD's customer may also leave before it; this ignores that).
		medianTimeToNext: (x, T) => bgnbdMedianTimeToNext({ r: p.r, alpha: p.alpha, a: 1, b: 1 }, x, T),
		quietIfAlive: (x, T, n) => quietIfAlivePareto(p, x, T, n)
	};
}
