import type { CustomerHistories } from './data';
import { logHyp2f1 } from './hyp2f1';
import { gaussLegendre } from './gauss-legendre';
import { digamma, lgamma, logAddExp } from './special';

/** Gauss-Legendre nodes per panel of the dead-part integral. */
const PANEL_NODES = 8;

/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at rate λ ~ Gamma(r, α) while alive,
 * lifetime exponential with rate μ ~ Gamma(s, β).
 */
export interface ParetoNbdParams {
	r: number;
	alpha: number;
	s: number;
	beta: number;
}

export const PARETO_PARAMS = ['r', 'alpha', 's', 'beta'] as const;

/**
 * ln A₀ of Fader & Hardie, "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005), eq. 22:
 * for α ≥ β, A₀ = F(tₓ) − F(T) with F(y) = 2F1(r+s+x, s+1; r+s+x+1; (α−β)/(α+y)) / (α+y)^(r+s+x);
 * for α < β the same with α and β, and s+1 and r+x, exchanged. Either way the 2F1 argument lies in [0, 1)
 * and every series term is positive (see logHyp2f1), which is what keeps it stable in all parameter ranges.
 */
export function paretoLogA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
	const { r, alpha, s, beta } = p;
	const c = r + s + x;
	const big = Math.max(alpha, beta);
	const second = alpha >= beta ? s + 1 : r + x;
	const lnF = (y: number) =>
		logHyp2f1(c, second, c + 1, Math.abs(alpha - beta) / (big + y)) - c * Math.log(big + y);
	const hi = lnF(tx);
	const lo = lnF(T);
	// ln(e^hi − e^lo); hi > lo because F decreases in y.
	return hi + Math.log(-Math.expm1(lo - hi));
}

/**
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) · A₀ ]
 * (Fader & Hardie 2005 note, eq. 19 with eq. 22).
 */
export function paretoLogLikelihoodOne(p: ParetoNbdParams, x: number, tx: number, T: number): number {
	const { r, alpha, s, beta } = p;
	const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
	const dead = tx < T ? Math.log(s / (r + s + x)) + paretoLogA0(p, x, tx, T) : -Infinity;
	return lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logAddExp(alive, dead);
}

/** Weighted sum of ln L over customers by the 2F1 form (the reference for paretoLogLikelihoodWithGradient). */
export function paretoLogLikelihood(p: ParetoNbdParams, h: CustomerHistories): number {
	let ll = 0;
	for (let i = 0; i < h.x.length; i++)
		ll += h.weight[i]! * paretoLogLikelihoodOne(p, h.x[i]!, h.tx[i]!, h.T[i]!);
	return ll;
}

/**
 * P(alive | x, tₓ, T) = 1 / (1 + s/(r+s+x) · (α+T)^(r+x) (β+T)^s · A₀)   (Fader & Hardie 2005 note, eq. 24).
 */
export function paretoPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
	if (!(tx < T)) return 1;
	const lnK =
		Math.log(p.s / (p.r + p.s + x)) +
		(p.r + x) * Math.log(p.alpha + T) +
		p.s * Math.log(p.beta + T) +
		paretoLogA0(p, x, tx, T);
	if (Number.isFinite(lnK)) return lnK > 0 ? Math.exp(-lnK) / (1 + Math.exp(-lnK)) : 1 / (1 + Math.exp(lnK));
	// The 2F1 series fails where α and β part far (s ≈ 1e4, β ≈ 5e6 on a flat ridge): P(alive) is the alive term of
	// the likelihood over the whole, the whole by the integral form (paretoLogLikelihoodWithGradient).
	const one = (v: number) => Float64Array.of(v);
	const lnL = paretoLogLikelihoodWithGradient(p, { x: one(x), tx: one(tx), T: one(T), weight: one(1) }).value;
	const lnAlive =
		lgamma(p.r + x) -
		lgamma(p.r) +
		p.r * Math.log(p.alpha) +
		p.s * Math.log(p.beta) -
		(p.r + x) * Math.log(p.alpha + T) -
		p.s * Math.log(p.beta + T);
	return Math.min(1, Math.exp(lnAlive - lnL));
}

/**
 * E[Y(t) | x, tₓ, T] = P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)]
 * (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005 note, eq. 41); the s = 1 limit is
 * (r+x)/(α+T) · (β+T) ln((β+T+t)/(β+T)).
 */
export function paretoExpectedPurchases(
	p: ParetoNbdParams,
	x: number,
	tx: number,
	T: number,
	t: number
): number {
	if (t <= 0) return 0;
	const lnRatio = Math.log(p.beta + T + t) - Math.log(p.beta + T);
	const rate = ((p.r + x) * (p.beta + T)) / (p.alpha + T);
	const ifAlive =
		Math.abs(p.s - 1) < 1e-9 ? rate * lnRatio : (rate / (p.s - 1)) * -Math.expm1(-(p.s - 1) * lnRatio);
	return paretoPAlive(p, x, tx, T) * ifAlive;
}

/** Gauss-Legendre nodes of one panel of the dead-part integral (see paretoLogLikelihoodWithGradient). */
const PANEL = gaussLegendre(PANEL_NODES);
const LN_PANEL_WEIGHTS = Float64Array.from(PANEL.weights, Math.log);

/**
 * ln L and its gradient in (r, α, s, β), summed over customers with their weights, from the integral form
 * L = Γ(r+x)/Γ(r) αʳ βˢ [ (α+T)^−(r+x) (β+T)^−s + s ∫_{tₓ}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ ]
 * (death at τ between the last purchase and T; Fader & Hardie 2005 note, eq. 17, before the integral is written
 * as 2F1). The integral is taken in u = ln(m+τ), m = min(α, β), where the integrand's log-slope λ(u) = (r+x)(m+τ)/(α+τ) + (s+1)(m+τ)/(β+τ) − 1 rises monotonically from about s to r+s+x: panels of
 * Gauss-Legendre, each short enough that the integrand changes by at most e^2.5 across it, until the rest is
 * below e^−40 of the sum. Unlike the 2F1 series, whose argument nears 1 as α and β part, its cost and accuracy do
 * not depend on the parameters. The gradient differentiates under the integral on the same nodes.
 */
export function paretoLogLikelihoodWithGradient(
	p: ParetoNbdParams,
	h: CustomerHistories
): { value: number; gradient: number[] } {
	const { r, alpha, s, beta } = p;
	const lnAlpha = Math.log(alpha);
	const lnBeta = Math.log(beta);
	const psiR = digamma(r);
	const lgR = lgamma(r);
	const m = Math.min(alpha, beta);
	const acc = { sum: 0, top: -Infinity, r: 0, a: 0, s: 0, b: 0 };
	let ll = 0;
	let gR = 0;
	let gA = 0;
	let gS = 0;
	let gB = 0;
	// ln Γ(r+x) and ψ(r+x) by x (whole numbers, few distinct): once each, not once a row.
	const lgByX: number[] = [];
	const psiByX: number[] = [];
	for (let i = 0; i < h.x.length; i++) {
		const x = h.x[i]!;
		const tx = h.tx[i]!;
		const T = h.T[i]!;
		const wt = h.weight[i]!;
		const rx = r + x;
		const lnAT = Math.log(alpha + T);
		const lnBT = Math.log(beta + T);
		const lA = -rx * lnAT - s * lnBT;
		let lD = -Infinity;
		if (tx < T) {
			deadIntegral(r, x, alpha, s, beta, m, tx, T, acc);
			lD = Math.log(s) + acc.top + Math.log(acc.sum);
		}
		const lse = logAddExp(lA, lD);
		const pA = Math.exp(lA - lse);
		const pD = lD === -Infinity ? 0 : Math.exp(lD - lse);
		let lgRx = lgByX[x];
		let psiRx = psiByX[x];
		if (lgRx === undefined || psiRx === undefined) {
			lgRx = lgByX[x] = lgamma(rx);
			psiRx = psiByX[x] = digamma(rx);
		}
		ll += wt * (lgRx - lgR + r * lnAlpha + s * lnBeta + lse);
		gR += wt * (psiRx - psiR + lnAlpha - pA * lnAT + pD * acc.r);
		gA += wt * (r / alpha - (pA * rx) / (alpha + T) + pD * acc.a);
		gS += wt * (lnBeta - pA * lnBT + pD * (1 / s + acc.s));
		gB += wt * (s / beta - (pA * s) / (beta + T) + pD * acc.b);
	}
	return { value: ll, gradient: [gR, gA, gS, gB] };
}

/**
 * I = ∫_{tₓ}^{T} (α+τ)^−(r+x) (β+τ)^−(s+1) dτ as ln I = top + ln sum, with the I-weighted means of ∂ ln f/∂θ
 * (so ∂ ln I/∂θ) in acc.r, acc.a, acc.s, acc.b.
 */
function deadIntegral(
	r: number,
	x: number,
	alpha: number,
	s: number,
	beta: number,
	m: number,
	tx: number,
	T: number,
	acc: { sum: number; top: number; r: number; a: number; s: number; b: number }
): void {
	// The hot loop of the Pareto/NBD fit (hundreds of thousands of rows, each a few panels of PANEL_NODES): no
	// closures, and each node costs three exp/log (α+τ or β+τ is m+τ = e^u itself).
	const rx = r + x;
	const s1 = s + 1;
	const da = alpha - m;
	const db = beta - m;
	const nodes = PANEL.nodes;
	const u1 = Math.log(m + T);
	let sum = 0;
	let top = -Infinity;
	let ar = 0;
	let aa = 0;
	let as = 0;
	let ab = 0;
	let u = Math.log(m + tx);
	while (u < u1) {
		let width = Math.min(u1 - u, 2.5 / Math.max(Math.abs(slope(rx, s1, da, db, u)), 1));
		while (width * Math.max(Math.abs(slope(rx, s1, da, db, u + width)), 1) > 2.5) width /= 2;
		const half = width / 2;
		const mid = u + half;
		const lnHalf = Math.log(half);
		let panelTop = -Infinity;
		for (let k = 0; k < PANEL_NODES; k++) {
			const uk = mid + half * nodes[k]!;
			const mt = Math.exp(uk);
			// α+τ and β+τ as (α − m) + (m + τ): one of them is exactly m + τ.
			const A = da + mt;
			const B = db + mt;
			const lnA = da === 0 ? uk : Math.log(A);
			const lnB = db === 0 ? uk : Math.log(B);
			// ln(f(τ) dτ/du) plus the panel's ln(quadrature weight · half-width).
			const lf = LN_PANEL_WEIGHTS[k]! + lnHalf + uk - rx * lnA - s1 * lnB;
			if (lf > panelTop) panelTop = lf;
			if (lf > top) {
				const scale = Math.exp(top - lf);
				sum *= scale;
				ar *= scale;
				aa *= scale;
				as *= scale;
				ab *= scale;
				top = lf;
			}
			const q = Math.exp(lf - top);
			sum += q;
			ar -= q * lnA;
			aa -= (q * rx) / A;
			as -= q * lnB;
			ab -= (q * s1) / B;
		}
		u += width;
		// The integrand only decreases: once a panel adds less than e^−40 of the sum, the rest is negligible.
		if (panelTop < top + Math.log(sum) - 40 - Math.log(1 + (u1 - u) / width)) break;
	}
	acc.sum = sum;
	acc.top = top;
	acc.r = ar / sum;
	acc.a = aa / sum;
	acc.s = as / sum;
	acc.b = ab / sum;
}

/** Log-slope magnitude of the dead-part integrand in u = ln(m+τ): λ(u) = (r+x)e^u/(α+τ) + (s+1)e^u/(β+τ) − 1. */
function slope(rx: number, s1: number, da: number, db: number, u: number): number {
	const mt = Math.exp(u);
	return (rx * mt) / (da + mt) + (s1 * mt) / (db + mt) - 1;
}
