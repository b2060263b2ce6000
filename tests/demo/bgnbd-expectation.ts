/**
 * Test helpers: the expected number of repeat purchases of a new BG/NBD customer in (0, t], two ways.
 * Written here, independent of src/lib/server/models, so the generator is checked against the formula and
 * not against the code that will be fitted to its output.
 */

/** Gauss hypergeometric 2F1(a, b; c; z) for 0 <= z < 1 by its power series. */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
	let term = 1;
	let sum = 1;
	for (let n = 0; n < 1_000_000; n++) {
		term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
		sum += term;
		if (Math.abs(term) < 1e-15 * Math.abs(sum)) return sum;
	}
	throw new Error(`2F1(${a}, ${b}; ${c}; ${z}) did not converge`);
}

/**
 * E[X(t) | r, alpha, a, b] = (a + b - 1) / (a - 1) * [1 - (alpha / (alpha + t))^r
 *   * 2F1(r, b; a + b - 1; t / (alpha + t))]  (Fader, Hardie & Lee 2005, "Counting your customers the easy
 * way", Marketing Science 24(2), eq. 9). Needs a != 1.
 */
export function expectedRepeatPurchases(r: number, alpha: number, a: number, b: number, t: number): number {
	const z = t / (alpha + t);
	return (
		((a + b - 1) / (a - 1)) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric2F1(r, b, a + b - 1, z))
	);
}

/**
 * The same expectation by quadrature: E over p ~ Beta(a, b) of (1 - (alpha / (alpha + p t))^r) / p, which
 * is E_lambda[(1 - exp(-lambda p t)) / p] (FHL 2005 eq. 7) integrated over lambda ~ Gamma(r, alpha).
 * Substituting p = u^(1/a) removes the endpoint singularity of the Beta density.
 */
export function expectedRepeatPurchasesByQuadrature(
	r: number,
	alpha: number,
	a: number,
	b: number,
	t: number,
	steps = 200_000
): number {
	const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
	// p = u^(1/a), dp = (1/a) u^(1/a - 1) du, so p^(a-1) dp = du / a.
	let sum = 0;
	for (let i = 0; i < steps; i++) {
		const u = (i + 0.5) / steps;
		const p = Math.pow(u, 1 / a);
		const g = (1 - Math.pow(alpha / (alpha + p * t), r)) / p;
		sum += g * Math.pow(1 - p, b - 1);
	}
	return (sum / steps / a) * Math.exp(-logBeta);
}

/** log Gamma(x), Lanczos approximation (g = 7, n = 9). */
export function logGamma(x: number): number {
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	x -= 1;
	let s = c[0]!;
	for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
	const t = x + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

export function mean(xs: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < xs.length; i++) s += xs[i]!;
	return s / xs.length;
}

/** Standard error of the mean of independent draws. */
export function standardError(xs: ArrayLike<number>): number {
	const m = mean(xs);
	let ss = 0;
	for (let i = 0; i < xs.length; i++) ss += (xs[i]! - m) ** 2;
	return Math.sqrt(ss / (xs.length - 1) / xs.length);
}
