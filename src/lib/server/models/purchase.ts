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
			medianTimeToNext: (x, T) => mbgnbdMedianTimeToNext(p, x, T)
		};
	}
	if (model === 'bgnbd') {
		const p = params as unknown as BgNbdParams;
		return {
			pAlive: (x, tx, T) => bgnbdPAlive(p, x, tx, T),
			ifAlive: cached((x, T, t) => bgnbdExpectedIfAlive(p, x, T, t)),
			medianTimeToNext: (x, T) => bgnbdMedianTimeToNext(p, x, T)
		};
	}
	const p = params as unknown as ParetoNbdParams;
	return {
		pAlive: (x, tx, T) => paretoPAlive(p, x, tx, T),
		// At tₓ = T, P(alive) = 1, so E[Y(t) | x, T, T] is the expectation of an alive customer; it does not depend on tₓ.
		ifAlive: (x, T, t) => paretoExpectedPurchases(p, x, T, T, t),
		// λ | data, alive ~ Gamma(r+x, α+T) as in BG/NBD: the median wait for the next purchase of a customer who
		// stays active until then (Pareto/NBD's customer may also leave before it; this ignores that).
		medianTimeToNext: (x, T) => bgnbdMedianTimeToNext({ r: p.r, alpha: p.alpha, a: 1, b: 1 }, x, T)
	};
}
