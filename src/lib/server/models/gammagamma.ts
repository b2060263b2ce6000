import type { SpendHistories } from './data';
import { digamma, lgamma } from './special';

/**
 * Gamma-Gamma spend model (Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value"): each purchase's
 * spend ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers; fitted on repeat customers (x > 0) only, with
 * m = mean spend of the x repeat purchase days. Assumes spend is independent of purchase frequency.
 */
export interface GammaGammaParams {
	p: number;
	q: number;
	v: number;
}

export const GAMMAGAMMA_PARAMS = ['p', 'q', 'v'] as const;

/**
 * Spend histories prepared once for repeated evaluations: constants that do not depend on the parameters are
 * summed up front, and the special functions of px are evaluated once per distinct x.
 */
export interface GammaGammaPrepared {
	/** Distinct x values and, per distinct x, Σ weight and the row index of each row. */
	xValues: Float64Array;
	weightByX: Float64Array;
	rowX: Int32Array;
	x: Float64Array;
	m: Float64Array;
	w: Float64Array;
	/** Σ w, Σ w·x·ln x, Σ w·x·ln m, Σ w·ln m, Σ w·x. */
	sumW: number;
	sumXLnX: number;
	sumXLnM: number;
	sumLnM: number;
}

export function prepareGammaGamma(h: SpendHistories): GammaGammaPrepared {
	const index = new Map<number, number>();
	const rowX = new Int32Array(h.x.length);
	let sumW = 0;
	let sumXLnX = 0;
	let sumXLnM = 0;
	let sumLnM = 0;
	for (let i = 0; i < h.x.length; i++) {
		const x = h.x[i]!;
		let k = index.get(x);
		if (k === undefined) index.set(x, (k = index.size));
		rowX[i] = k;
		const w = h.weight[i]!;
		const lnm = Math.log(h.m[i]!);
		sumW += w;
		sumXLnX += w * x * Math.log(x);
		sumXLnM += w * x * lnm;
		sumLnM += w * lnm;
	}
	const weightByX = new Float64Array(index.size);
	for (let i = 0; i < h.x.length; i++) weightByX[rowX[i]!]! += h.weight[i]!;
	return {
		xValues: Float64Array.from(index.keys()),
		weightByX,
		rowX,
		x: h.x,
		m: h.m,
		w: h.weight,
		sumW,
		sumXLnX,
		sumXLnM,
		sumLnM
	};
}

/**
 * ln f(m | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px−1) ln m − (px+q) ln(γ + x m)
 * (Fader & Hardie 2013, eq. 4), with its analytic gradient in (p, q, γ), summed with weights.
 */
export function gammaGammaLogLikelihood(
	params: GammaGammaParams,
	data: SpendHistories | GammaGammaPrepared
): { value: number; gradient: number[] } {
	const d = 'rowX' in data ? data : prepareGammaGamma(data);
	const { p, q, v } = params;
	const lnV = Math.log(v);
	let ll = (-lgamma(q) + q * lnV) * d.sumW + p * d.sumXLnX + p * d.sumXLnM - d.sumLnM;
	let gp = d.sumXLnX + d.sumXLnM;
	let gq = (-digamma(q) + lnV) * d.sumW;
	let gv = (q / v) * d.sumW;
	// Per distinct x: ln Γ(px+q) − ln Γ(px) and the digammas.
	const nx = d.xValues.length;
	const dgPxq = new Float64Array(nx);
	for (let k = 0; k < nx; k++) {
		const x = d.xValues[k]!;
		const px = p * x;
		const w = d.weightByX[k]!;
		dgPxq[k] = digamma(px + q);
		ll += w * (lgamma(px + q) - lgamma(px));
		gp += w * x * (dgPxq[k]! - digamma(px));
		gq += w * dgPxq[k]!;
	}
	// Per row: the only term that mixes the parameters with the customer's own spend.
	for (let i = 0; i < d.x.length; i++) {
		const x = d.x[i]!;
		const w = d.w[i]!;
		const vxm = v + x * d.m[i]!;
		const lnVxm = Math.log(vxm);
		const e = p * x + q;
		ll -= w * e * lnVxm;
		gp -= w * x * lnVxm;
		gq -= w * lnVxm;
		gv -= (w * e) / vxm;
	}
	return { value: ll, gradient: [gp, gq, gv] };
}

/**
 * E[M | x, m] = p(γ + x m) / (px + q − 1): a weighted mean of the population mean pγ/(q−1) and the customer's
 * own mean m (Fader & Hardie 2013, eq. 5). For x = 0 it is the population mean. Needs q > 1.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: number, m: number): number {
	const { p, q, v } = params;
	if (!(q > 1)) return NaN;
	return x > 0 ? (p * (v + x * m)) / (p * x + q - 1) : (p * v) / (q - 1);
}
