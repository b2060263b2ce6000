/**
 * The standard normal distribution: cdf, two-sided p-value and quantile.
 * erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7); the quantile inverts the cdf by Newton steps.
 */
export function normalCdf(z: number): number {
	if (z === Infinity) return 1;
	if (z === -Infinity) return 0;
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const poly =
		t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-x * x);
	return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export function normalPdf(z: number): number {
	return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** P(|Z| >= |z|). */
export function normalTwoSidedP(z: number): number {
	return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/** z with normalCdf(z) = p, 0 < p < 1. */
export function normalQuantile(p: number): number {
	if (!(p > 0 && p < 1)) throw new Error(`a quantile needs 0 < p < 1, got ${p}`);
	let z = 0;
	for (let i = 0; i < 60; i++) {
		const step = (normalCdf(z) - p) / Math.max(normalPdf(z), 1e-300);
		z -= Math.max(-2, Math.min(2, step));
		if (Math.abs(step) < 1e-10) break;
	}
	return z;
}
