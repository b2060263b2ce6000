import { maxCount, type CustomerHistories } from './data';
import { hyp2f1, logHyp2f1 } from './hyp2f1';

/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", Marketing Science 24(2)):
 * purchases at rate λ ~ Gamma(r, α) while alive; after each purchase the customer drops out with
 * probability p ~ Beta(a, b).
 */
export interface BgNbdParams {
	r: number;
	alpha: number;
	a: number;
	b: number;
}

export const BGNBD_PARAMS = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Histories prepared once for repeated likelihood evaluations: the terms that depend only on x or only on T are
 * collapsed into weights per distinct x and per distinct T, so each evaluation does per-row work only for the
 * rows with repeat purchases (two transcendental calls each) and per-value work for the distinct T and tₓ.
 */
export interface BgNbdPrepared {
	maxX: number;
	/** Σ weight per x. */
	weightByX: Float64Array;
	tValues: Float64Array;
	/** Σ weight and Σ weight·x per distinct T. */
	weightByT: Float64Array;
	weightXByT: Float64Array;
	txValues: Float64Array;
	/** Rows of the per-row term: those with x > 0 (BG/NBD), or every row (`allRows`, MBG/NBD). */
	rx: Float64Array;
	rT: Int32Array;
	rTx: Int32Array;
	rw: Float64Array;
	totalWeight: number;
	/** Whether the per-row arrays hold every row (MBG/NBD) or only the repeat customers (BG/NBD). */
	allRows: boolean;
}

/**
 * `allRows`: keep the rows with x = 0 in the per-row term too (MBG/NBD, where a customer can also drop out right
 * after the first purchase, so every customer has the "dropped out after the last purchase" branch).
 */
export function prepareBgNbd(h: CustomerHistories, allRows = false): BgNbdPrepared {
	const maxX = maxCount(h.x);
	const weightByX = new Float64Array(maxX + 1);
	const tIndex = new Map<number, number>();
	const txIndex = new Map<number, number>();
	const indexOf = (m: Map<number, number>, v: number) => {
		let i = m.get(v);
		if (i === undefined) m.set(v, (i = m.size));
		return i;
	};
	const n = h.x.length;
	const rowT = new Int32Array(n);
	let repeat = 0;
	let total = 0;
	for (let i = 0; i < n; i++) {
		weightByX[Math.round(h.x[i]!)]! += h.weight[i]!;
		rowT[i] = indexOf(tIndex, h.T[i]!);
		if (allRows || h.x[i]! > 0) repeat++;
		total += h.weight[i]!;
	}
	const weightByT = new Float64Array(tIndex.size);
	const weightXByT = new Float64Array(tIndex.size);
	const rx = new Float64Array(repeat);
	const rT = new Int32Array(repeat);
	const rTx = new Int32Array(repeat);
	const rw = new Float64Array(repeat);
	let j = 0;
	for (let i = 0; i < n; i++) {
		weightByT[rowT[i]!]! += h.weight[i]!;
		weightXByT[rowT[i]!]! += h.weight[i]! * h.x[i]!;
		if (allRows || h.x[i]! > 0) {
			rx[j] = h.x[i]!;
			rT[j] = rowT[i]!;
			rTx[j] = indexOf(txIndex, h.tx[i]!);
			rw[j] = h.weight[i]!;
			j++;
		}
	}
	return {
		maxX,
		weightByX,
		tValues: Float64Array.from(tIndex.keys()),
		weightByT,
		weightXByT,
		txValues: Float64Array.from(txIndex.keys()),
		rx,
		rT,
		rTx,
		rw,
		totalWeight: total,
		allRows
	};
}

/**
 * Log-likelihood and its analytic gradient with respect to (r, alpha, a, b), summed with weights.
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) − (r+x) ln(α+T)
 *        + ln(1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tₓ))^(r+x))      (FHL 2005 eq. 6)
 * Because x is a whole number, the gamma and beta ratios are finite products: Γ(r+x)/Γ(r) = Π(r+k), k < x.
 */
export function bgnbdLogLikelihood(
	p: BgNbdParams,
	data: CustomerHistories | BgNbdPrepared
): { value: number; gradient: number[] } {
	const d = 'rw' in data ? data : prepareBgNbd(data);
	if (d.allRows) throw new Error('bgnbdLogLikelihood needs histories prepared for BG/NBD (allRows = false)');
	const { r, alpha, a, b } = p;
	const lnAlpha = Math.log(alpha);
	let ll = 0;
	let gr = 0;
	let gAlpha = 0;
	let ga = 0;
	let gb = 0;
	// Terms in x only: Σ_k<x ln(r+k) + ln(b+k) − ln(a+b+k), and their derivatives, accumulated over k.
	let lnR = 0;
	let lnBeta = 0;
	let dR = 0;
	let dA = 0;
	let dB = 0;
	for (let x = 0; x <= d.maxX; x++) {
		const w = d.weightByX[x]!;
		ll += w * (lnR + lnBeta + r * lnAlpha);
		gr += w * (dR + lnAlpha);
		gAlpha += (w * r) / alpha;
		ga += w * dA;
		gb += w * dB;
		lnR += Math.log(r + x);
		lnBeta += Math.log(b + x) - Math.log(a + b + x);
		dR += 1 / (r + x);
		dA -= 1 / (a + b + x);
		dB += 1 / (b + x) - 1 / (a + b + x);
	}
	// Terms in T only: −(r+x) ln(α+T).
	const lnAT = new Float64Array(d.tValues.length);
	for (let i = 0; i < lnAT.length; i++) {
		const at = alpha + d.tValues[i]!;
		lnAT[i] = Math.log(at);
		const wr = r * d.weightByT[i]! + d.weightXByT[i]!; // Σ w (r + x)
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
	// The branch "dropped out right after the last purchase", rows with x > 0 only.
	const lnA = Math.log(a);
	const lnBx = new Float64Array(d.maxX + 1);
	for (let x = 1; x <= d.maxX; x++) lnBx[x] = Math.log(b + x - 1);
	for (let j = 0; j < d.rx.length; j++) {
		const x = d.rx[j]!;
		const ti = d.rT[j]!;
		const ki = d.rTx[j]!;
		const w = d.rw[j]!;
		const lnRho = lnAT[ti]! - lnATx[ki]!;
		const lnK = lnA - lnBx[x]! + (r + x) * lnRho;
		// ln(1 + e^lnK) and e^lnK / (1 + e^lnK) with one exp and one log1p.
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
		gb -= ws / (b + x - 1);
	}
	return { value: ll, gradient: [gr, gAlpha, ga, gb] };
}

/**
 * P(alive | x, tₓ, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tₓ))^(r+x))   (FHL 2005 eq. 12 / Hardie's note
 * "Computing P(alive) using the BG/NBD model"). Equal to 1 for x = 0: in BG/NBD a customer can only drop out
 * right after a purchase.
 */
export function bgnbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
	if (x <= 0) return 1;
	const lnK =
		Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
	return lnK > 0 ? Math.exp(-lnK) / (1 + Math.exp(-lnK)) : 1 / (1 + Math.exp(lnK));
}

/**
 * Expected purchases in (T, T+t] for a customer known to be alive at T (FHL 2005 eq. 10 divided by its
 * P(alive) denominator): (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))].
 * It depends on the customer only through (x, T), so callers can cache it. The expression has a removable
 * singularity at a = 1 (then NaN); for a < 1 both factors are negative and the product is the right value.
 */
export function bgnbdExpectedIfAlive(p: BgNbdParams, x: number, T: number, t: number): number {
	if (t <= 0) return 0;
	if (Math.abs(p.a - 1) < 1e-12) return NaN;
	const z = t / (p.alpha + T + t);
	const c = p.a + p.b + x - 1;
	const lnRatio = (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + t));
	// For c > 0 in logs (no overflow, and 1 − tail by expm1 keeps precision for small t).
	const bracket =
		c > 0
			? -Math.expm1(lnRatio + logHyp2f1(p.r + x, p.b + x, c, z))
			: 1 - Math.exp(lnRatio) * hyp2f1(p.r + x, p.b + x, c, z);
	return (c / (p.a - 1)) * bracket;
}

/** E[Y(t) | x, tₓ, T] = P(alive) · expected purchases if alive (FHL 2005 eq. 10). */
export function bgnbdExpectedPurchases(p: BgNbdParams, x: number, tx: number, T: number, t: number): number {
	return bgnbdPAlive(p, x, tx, T) * bgnbdExpectedIfAlive(p, x, T, t);
}

/** E[X(t)] for a new customer: (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))] (FHL 2005 eq. 9). */
export function bgnbdExpectedForNew(p: BgNbdParams, t: number): number {
	return bgnbdExpectedIfAlive(p, 0, 0, t);
}

/**
 * Median time to the next purchase of a customer alive at T. In BG/NBD an alive customer stays alive until
 * the next purchase, and λ | data, alive ~ Gamma(r+x, α+T), so P(no purchase within s) = ((α+T)/(α+T+s))^(r+x);
 * setting it to ½ gives s = (α+T)(2^(1/(r+x)) − 1).
 */
export function bgnbdMedianTimeToNext(p: BgNbdParams, x: number, T: number): number {
	return (p.alpha + T) * Math.expm1(Math.LN2 / (p.r + x));
}
