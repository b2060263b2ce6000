import { bgnbdExpectedIfAlive, bgnbdMedianTimeToNext, prepareBgNbd, type BgNbdPrepared } from './bgnbd';
import type { CustomerHistories } from './data';

/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison of models for customer base
 * analysis", International Journal of Research in Marketing 24(3), 201–209): BG/NBD's purchasing (rate λ ~ Gamma(r,
 * α) while alive), but the coin p ~ Beta(a, b) is tossed after **every** purchase, the first one included, so a
 * customer can drop out at time zero and a one-time buyer is not certainly alive: P(alive | x = 0) < 1 and falls as
 * T grows. The formulas below are the paper's model section (individual likelihood, P(alive) and the conditional
 * expectation; equation numbers are not cited here because they were not checked against the print), the same
 * expressions as lifetimes' ModifiedBetaGeoFitter and BTYDplus' mbgnbd (mbgcnbd with k = 1) use.
 *
 * Same parameter names as BG/NBD; the values are not comparable across the two models (b here counts one more toss).
 */
export interface MbgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export const MBGNBD_PARAMS = ['r', 'alpha', 'a', 'b'] as const;

/** Histories prepared for MBG/NBD: as BG/NBD's, with every row (x = 0 too) in the per-row term. */
export function prepareMbgNbd(h: CustomerHistories): BgNbdPrepared {
	return prepareBgNbd(h, true);
}

/**
 * Log-likelihood and its analytic gradient with respect to (r, alpha, a, b), summed with weights
 * (Batislam et al. 2007):
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) − (r+x) ln(α+T)
 *        + ln(1 + a/(b+x) ((α+T)/(α+tₓ))^(r+x))              for every x ≥ 0 (tₓ = 0 when x = 0).
 * Γ(r+x)/Γ(r) = Π_{k<x} (r+k) and B(a, b+x+1)/B(a, b) = Π_{k≤x} (b+k)/(a+b+k): finite products, as in BG/NBD.
 */
export function mbgnbdLogLikelihood(
	p: MbgNbdParams,
	data: CustomerHistories | BgNbdPrepared
): { value: number; gradient: number[] } {
	const d = 'rw' in data ? data : prepareMbgNbd(data);
	if (!d.allRows) throw new Error('mbgnbdLogLikelihood needs histories prepared with prepareMbgNbd');
	const { r, alpha, a, b } = p;
	const lnAlpha = Math.log(alpha);
	let ll = 0;
	let gr = 0;
	let gAlpha = 0;
	let ga = 0;
	let gb = 0;
	// Terms in x only. Σ_{k<x} ln(r+k) and Σ_{k≤x} ln(b+k) − ln(a+b+k), accumulated over x.
	let lnR = 0;
	let dR = 0;
	let lnBeta = Math.log(b) - Math.log(a + b);
	let dA = -1 / (a + b);
	let dB = 1 / b - 1 / (a + b);
	for (let x = 0; x <= d.maxX; x++) {
		const w = d.weightByX[x]!;
		ll += w * (lnR + lnBeta + r * lnAlpha);
		gr += w * (dR + lnAlpha);
		gAlpha += (w * r) / alpha;
		ga += w * dA;
		gb += w * dB;
		lnR += Math.log(r + x);
		dR += 1 / (r + x);
		const k = x + 1;
		lnBeta += Math.log(b + k) - Math.log(a + b + k);
		dA -= 1 / (a + b + k);
		dB += 1 / (b + k) - 1 / (a + b + k);
	}
	// Terms in T only: −(r+x) ln(α+T).
	const lnAT = new Float64Array(d.tValues.length);
	for (let i = 0; i < lnAT.length; i++) {
		const at = alpha + d.tValues[i]!;
		lnAT[i] = Math.log(at);
		const wr = r * d.weightByT[i]! + d.weightXByT[i]!;
		ll -= wr * lnAT[i]!;
		gr -= d.weightByT[i]! * lnAT[i]!;
		gAlpha -= wr / at;
	}
	const lnATx = new Float64Array(d.txValues.length);
	const invATx = new Float64Array(d.txValues.length);
	for (let i = 0; i < lnATx.length; i++) {
		lnATx[i] = Math.log(alpha + d.txValues[i]!);
		invATx[i] = 1 / (alpha + d.txValues[i]!);
	}
	// The branch "dropped out right after the last purchase", for every row.
	const lnA = Math.log(a);
	const lnBx = new Float64Array(d.maxX + 1);
	for (let x = 0; x <= d.maxX; x++) lnBx[x] = Math.log(b + x);
	for (let j = 0; j < d.rx.length; j++) {
		const x = d.rx[j]!;
		const ti = d.rT[j]!;
		const ki = d.rTx[j]!;
		const w = d.rw[j]!;
		const lnRho = lnAT[ti]! - lnATx[ki]!;
		const lnK = lnA - lnBx[x]! + (r + x) * lnRho;
		let soft: number;
		let share: number;
		if (lnK > 0) {
			const e = Math.exp(-lnK);
			soft = lnK + Math.log1p(e);
			share = 1 / (1 + e);
		} else {
			const e = Math.exp(lnK);
			soft = Math.log1p(e);
			share = e / (1 + e);
		}
		const ws = w * share;
		ll += w * soft;
		gr += ws * lnRho;
		gAlpha += ws * (r + x) * (1 / (alpha + d.tValues[ti]!) - invATx[ki]!);
		ga += ws / a;
		gb -= ws / (b + x);
	}
	return { value: ll, gradient: [gr, gAlpha, ga, gb] };
}

/**
 * P(alive | x, tₓ, T) = 1 / (1 + a/(b+x) ((α+T)/(α+tₓ))^(r+x))   (Batislam et al. 2007), for every x ≥ 0.
 * For x = 0 (tₓ = 0) it is 1 / (1 + a/b ((α+T)/α)^r): below 1 and falling with the age T of the customer.
 */
export function mbgnbdPAlive(p: MbgNbdParams, x: number, tx: number, T: number): number {
	const lnK =
		Math.log(p.a) - Math.log(p.b + x) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
	return lnK > 0 ? Math.exp(-lnK) / (1 + Math.exp(-lnK)) : 1 / (1 + Math.exp(lnK));
}

/**
 * Expected purchases in (T, T+t] for a customer alive at T (Batislam et al. 2007, the conditional expectation
 * without its P(alive) factor): (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))]. An alive MBG/NBD
 * customer has survived x + 1 tosses, so p | alive ~ Beta(a, b+x+1), where BG/NBD's survived x: this is BG/NBD's
 * expression (bgnbd.ts, FHL 2005 eq. 10) with b + 1 in place of b, and it is computed by that function.
 */
export function mbgnbdExpectedIfAlive(p: MbgNbdParams, x: number, T: number, t: number): number {
	return bgnbdExpectedIfAlive({ ...p, b: p.b + 1 }, x, T, t);
}

/** E[Y(t) | x, tₓ, T] = P(alive) · expected purchases if alive (Batislam et al. 2007). */
export function mbgnbdExpectedPurchases(
	p: MbgNbdParams,
	x: number,
	tx: number,
	T: number,
	t: number
): number {
	return mbgnbdPAlive(p, x, tx, T) * mbgnbdExpectedIfAlive(p, x, T, t);
}

/**
 * Median time to the next purchase of a customer alive at T: as in BG/NBD (an alive customer stays alive until
 * the next purchase and λ | data, alive ~ Gamma(r+x, α+T)).
 */
export function mbgnbdMedianTimeToNext(p: MbgNbdParams, x: number, T: number): number {
	return bgnbdMedianTimeToNext(p, x, T);
}
