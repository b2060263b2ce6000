/**
 * ln 2F1(a, b; c; z), the Gauss hypergeometric function, for a, b, c > 0 and 0 <= z < 1, where every term
 * of the series is positive, so summing it loses no precision.
 *
 * 2F1(a, b; c; z) = Σ_n (a)_n (b)_n / ((c)_n n!) z^n (Abramowitz & Stegun 15.1.1). For z > 0.5 the Euler
 * transformation 2F1(a, b; c; z) = (1 − z)^(c−a−b) 2F1(c−a, c−b; c; z) (A&S 15.3.3) is used when its terms
 * stay positive (c > a and c > b): it turns terms that decay like n^(a+b−c−1) z^n into ones that decay like
 * n^(−a−b+c−1) z^n. The running sum is rescaled so large parameters cannot overflow. Returns NaN when the
 * series has not converged within `maxTerms` (z very close to 1), so a caller never gets a wrong number.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
	if (!(z >= 0 && z < 1) || !(a > 0 && b > 0 && c > 0)) return NaN;
	if (z === 0) return 0;
	if (z > 0.5 && c > a && c > b) {
		return (c - a - b) * Math.log1p(-z) + series(c - a, c - b, c, z, maxTerms);
	}
	return series(a, b, c, z, maxTerms);
}

function series(a: number, b: number, c: number, z: number, maxTerms: number): number {
	let term = 1;
	let sum = 1;
	let logScale = 0;
	for (let n = 0; n < maxTerms; n++) {
		term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
		sum += term;
		// Converged once the term is negligible and the ratio of successive terms has settled below one.
		if (term < sum * 1e-17 && (a + n + 1) * (b + n + 1) * z < (c + n + 1) * (n + 2)) {
			return logScale + Math.log(sum);
		}
		if (sum > 1e250) {
			sum /= 1e250;
			term /= 1e250;
			logScale += 250 * Math.LN10;
		}
	}
	return NaN;
}

/**
 * 2F1(a, b; c; z) for a, b > 0, 0 <= z < 1 and any c that is not 0 or a negative whole number (where 2F1 has a
 * pole). For c > 0 it is exp(logHyp2f1); for c < 0 the terms change sign once, at n > −c, after which they all
 * have one sign, so the plain series converges to the right value (BG/NBD needs this when a + b + x < 1).
 */
export function hyp2f1(a: number, b: number, c: number, z: number, maxTerms = 200_000): number {
	if (c > 0) return Math.exp(logHyp2f1(a, b, c, z, maxTerms));
	if (!(z >= 0 && z < 1) || !(a > 0 && b > 0) || Number.isInteger(c)) return NaN;
	let term = 1;
	let sum = 1;
	for (let n = 0; n < maxTerms; n++) {
		term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
		sum += term;
		if (
			c + n > 0 &&
			Math.abs(term) < Math.abs(sum) * 1e-17 &&
			(a + n + 1) * (b + n + 1) * z < (c + n + 1) * (n + 2)
		) {
			return sum;
		}
	}
	return NaN;
}
