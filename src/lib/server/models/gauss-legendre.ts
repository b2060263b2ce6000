/**
 * Nodes ξ and weights w of n-point Gauss-Legendre quadrature on [−1, 1]: ∫ f ≈ Σ wₖ f(ξₖ), exact for polynomials
 * of degree 2n − 1 (Abramowitz & Stegun 25.4.29). Roots of Pₙ by Newton's method from Chebyshev-like guesses
 * (Numerical Recipes, 3rd ed., §4.6.1 `gauleg`); computed once per n.
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
	const nodes = new Float64Array(n);
	const weights = new Float64Array(n);
	for (let i = 0; i < Math.ceil(n / 2); i++) {
		let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
		let dp = 1;
		for (let iter = 0; iter < 100; iter++) {
			let p1 = 1;
			let p2 = 0;
			for (let j = 1; j <= n; j++) {
				const p3 = p2;
				p2 = p1;
				p1 = ((2 * j - 1) * z * p2 - (j - 1) * p3) / j;
			}
			dp = (n * (z * p1 - p2)) / (z * z - 1);
			const dz = p1 / dp;
			z -= dz;
			if (Math.abs(dz) < 1e-16) break;
		}
		nodes[i] = -z;
		nodes[n - 1 - i] = z;
		weights[i] = weights[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
	}
	return { nodes, weights };
}
