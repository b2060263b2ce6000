import { normalCdf, normalQuantile } from './normal';

/**
 * Student's t distribution with `df` degrees of freedom (df may be fractional, as Welch's is).
 * cdf through the regularized incomplete beta function: P(T <= t) = 1 - I_{df/(df+t²)}(df/2, 1/2) / 2 for t >= 0
 * (Abramowitz & Stegun 26.7.1 / 26.5.27); I_x(a, b) by its continued fraction, evaluated with the modified Lentz method.
 */
export function tCdf(t: number, df: number): number {
	if (!(df > 0)) throw new Error(`degrees of freedom must be > 0, got ${df}`);
	if (df > 1e7) return normalCdf(t);
	const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
	return t >= 0 ? 1 - tail : tail;
}

/** P(|T| >= |t|). */
export function tTwoSidedP(t: number, df: number): number {
	return Math.min(1, 2 * (1 - tCdf(Math.abs(t), df)));
}

/** t with tCdf(t, df) = p (bisection on the cdf, bracketed from the normal quantile). */
export function tQuantile(p: number, df: number): number {
	const z = normalQuantile(p);
	let lo = Math.min(z, 0) * 2 - 1;
	let hi = Math.max(z, 0) * 2 + 1;
	while (tCdf(lo, df) > p) lo *= 2;
	while (tCdf(hi, df) < p) hi *= 2;
	for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); i++) {
		const mid = (lo + hi) / 2;
		if (tCdf(mid, df) < p) lo = mid;
		else hi = mid;
	}
	return (lo + hi) / 2;
}

function logGamma(x: number): number {
	// Lanczos approximation, g = 7, n = 9 (relative error ~1e-15 for x > 0.5)
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const y = x - 1;
	let a = c[0]!;
	const t = y + 7.5;
	for (let i = 1; i < 9; i++) a += c[i]! / (y + i);
	return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
	if (x <= 0) return 0;
	if (x >= 1) return 1;
	const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
	// the continued fraction converges fast for x < (a + 1) / (a + b + 2); use the symmetry otherwise
	if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
	return (front * betaFraction(x, a, b)) / a;
}

function betaFraction(x: number, a: number, b: number): number {
	const tiny = 1e-300;
	let c = 1;
	let d = 1 - ((a + b) * x) / (a + 1);
	d = 1 / (Math.abs(d) < tiny ? tiny : d);
	let f = d;
	for (let m = 1; m <= 300; m++) {
		for (const even of [true, false]) {
			const coef = even
				? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
				: (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
			d = 1 + coef * d;
			d = 1 / (Math.abs(d) < tiny ? tiny : d);
			c = 1 + coef / c;
			if (Math.abs(c) < tiny) c = tiny;
			f *= c * d;
			if (!even && Math.abs(c * d - 1) < 1e-14) return f;
		}
	}
	return f;
}
