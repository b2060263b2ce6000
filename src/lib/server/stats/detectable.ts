import { normalQuantile } from './normal';

/**
 * The smallest absolute difference of proportions a two-sided test at level alpha detects with the given power,
 * around a base rate p with groups of n1 and n2: (z_{1-alpha/2} + z_{power}) · sqrt(p(1-p)(1/n1 + 1/n2))
 * (the normal approximation, e.g. Fleiss, Statistical Methods for Rates and Proportions, §4.2).
 */
export function minimumDetectableDifference(
	p: number,
	n1: number,
	n2: number,
	options: { alpha?: number; power?: number } = {}
): number {
	const alpha = options.alpha ?? 0.05;
	const power = options.power ?? 0.8;
	if (!(n1 > 0 && n2 > 0)) return Infinity;
	// a base rate of 0 or 1 has no variance; take half a customer so the figure stays finite and honest
	const rate = Math.min(Math.max(p, 0.5 / (n1 + n2)), 1 - 0.5 / (n1 + n2));
	return (
		(normalQuantile(1 - alpha / 2) + normalQuantile(power)) * Math.sqrt(rate * (1 - rate) * (1 / n1 + 1 / n2))
	);
}
