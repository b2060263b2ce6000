import { bgnbdExpectedIfAlive, bgnbdPAlive, type BgNbdParams } from './bgnbd';
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gammagamma';

/** A month, in days: a twelfth of the mean Gregorian year. */
export const DAYS_PER_MONTH = 365.25 / 12;

export interface ClvHorizon {
	/** Length of the horizon, in the model's time unit. */
	horizon: number;
	/** Length of a month, in the model's time unit (DAYS_PER_MONTH / unit days). */
	month: number;
	/** Discount rate per month, e.g. 0.01. */
	discountRate: number;
}

/**
 * Discounted expected purchases of a customer alive at T, over monthly steps tᵢ = min(i·month, horizon):
 * Σᵢ [E(tᵢ) − E(tᵢ₋₁)] · (1 + d)^−(tᵢ/month). This is the discounted-cash-flow CLV of lifetimes'
 * `customer_lifetime_value` (Fader, Hardie & Lee 2005, "RFM and CLV"), with the month fixed at 365.25/12 days in
 * every time unit. Depends on the customer only through (x, T), so callers cache it.
 */
export function discountedPurchasesIfAlive(p: BgNbdParams, x: number, T: number, h: ClvHorizon): number {
	return purchasesIfAlive(p, x, T, h).discounted;
}

/**
 * The discounted sum above and, from the same evaluations, the undiscounted expected purchases over the whole
 * horizon (its last step ends at the horizon): bgnbdExpectedIfAlive(p, x, T, h.horizon), bit for bit.
 */
export function purchasesIfAlive(
	p: BgNbdParams,
	x: number,
	T: number,
	h: ClvHorizon
): { discounted: number; expected: number } {
	return discountedPurchases((t) => bgnbdExpectedIfAlive(p, x, T, t), h);
}

/**
 * The same sums for any purchase model, given E(t), the expected purchases in (T, T+t] of a customer alive at T
 * (purchase.ts ifAlive): the discounted monthly increments and E(horizon).
 */
export function discountedPurchases(
	expectedIfAlive: (t: number) => number,
	h: ClvHorizon
): { discounted: number; expected: number } {
	if (!(h.horizon > 0)) return { discounted: 0, expected: 0 };
	const steps = Math.ceil(h.horizon / h.month - 1e-9);
	let total = 0;
	let before = 0;
	for (let i = 1; i <= steps; i++) {
		const t = Math.min(i * h.month, h.horizon);
		const e = expectedIfAlive(t);
		total += (e - before) / Math.pow(1 + h.discountRate, t / h.month);
		before = e;
	}
	return { discounted: total, expected: before };
}

/**
 * Predicted CLV over the horizon = P(alive) · discounted expected purchases if alive · E[spend per purchase day]
 * (BG/NBD for the count, Gamma-Gamma for the spend; assumes spend is independent of frequency). m is the mean repeat
 * spend net of refunds; a customer whose purchases net of refunds (`netRevenue`, when given) are <= 0 has no
 * positive value to predict: 0 (queries/predictions_bgnbd.sql does the same and notes why).
 */
export function predictedClv(
	bg: BgNbdParams,
	gg: GammaGammaParams,
	c: { x: number; tx: number; T: number; m: number; netRevenue?: number },
	h: ClvHorizon
): number {
	if (!(h.horizon > 0)) return 0;
	if (c.netRevenue !== undefined && c.netRevenue <= 0) return 0;
	return (
		bgnbdPAlive(bg, c.x, c.tx, c.T) *
		discountedPurchasesIfAlive(bg, c.x, c.T, h) *
		gammaGammaExpectedSpend(gg, c.x, c.m)
	);
}

export type ChurnBand = 'low' | 'medium' | 'high';

/**
 * Churn probability bands: low < 1/3 <= medium < 2/3 <= high (thirds of the probability scale, stated on the Models
 * page; queries/predictions_write.sql uses the same).
 */
export const CHURN_BAND_CUTS = [1 / 3, 2 / 3] as const;
export function churnBand(churnProbability: number): ChurnBand {
	const [lo, hi] = CHURN_BAND_CUTS;
	return churnProbability < lo ? 'low' : churnProbability < hi ? 'medium' : 'high';
}
