/**
 * Special functions the likelihoods need. Both are accurate to about 1e-14 relative for positive arguments,
 * which is all the models use.
 */

// Lanczos approximation with g = 7, n = 9 (Numerical Recipes 3rd ed. §6.1; coefficients by P. Godfrey).
const LANCZOS_G = 7;
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
const HALF_LOG_2PI = 0.9189385332046728;

/** ln Γ(z) for z > 0: ln Γ(z) = ½ln(2π) + (z−½)ln(z+g−½) − (z+g−½) + ln A_g(z) (Lanczos 1964). */
export function lgamma(z: number): number {
	if (!(z > 0)) return z === 0 ? Infinity : NaN;
	if (z < 0.5) {
		// Reflection Γ(z)Γ(1−z) = π / sin(πz), keeps the series in its accurate range.
		return Math.log(Math.PI / Math.sin(Math.PI * z)) - lgamma(1 - z);
	}
	const x = z - 1;
	let a = LANCZOS[0]!;
	const t = x + LANCZOS_G + 0.5;
	for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (x + i);
	return HALF_LOG_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ψ(z) = d/dz ln Γ(z) for z > 0: recurrence ψ(z) = ψ(z+1) − 1/z up to z ≥ 10, then the asymptotic series (Abramowitz & Stegun 6.3.18). */
export function digamma(z: number): number {
	if (!(z > 0)) return NaN;
	let acc = 0;
	while (z < 10) {
		acc -= 1 / z;
		z += 1;
	}
	const f = 1 / (z * z);
	return (
		acc +
		Math.log(z) -
		0.5 / z -
		f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760))))))
	);
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
	if (a === -Infinity) return b;
	if (b === -Infinity) return a;
	const m = Math.max(a, b);
	return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
}
