import type { CustomerHistories } from './data';
import { logHyp2f1 } from './hyp2f1';
import { lgamma, logAddExp } from './special';

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

/** Weighted sum of ln L over customers; the gradient is left to the fitter (central differences). */
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
	return lnK > 0 ? Math.exp(-lnK) / (1 + Math.exp(-lnK)) : 1 / (1 + Math.exp(lnK));
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
