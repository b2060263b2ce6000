import { normalQuantile, normalTwoSidedP } from './normal';

export interface Interval {
	low: number;
	high: number;
}

export interface ProportionLift {
	/** p1 - p2 (treated minus control) */
	difference: number;
	/** Wald interval of the difference with the unpooled standard error (Newcombe 1998, method 1). */
	differenceCi: Interval;
	/** p1 / p2 - 1; null when p2 = 0 */
	relative: number | null;
	/** Katz's log interval of the ratio p1 / p2, minus 1 (Katz et al. 1978); null when a group has no successes. */
	relativeCi: Interval | null;
	/** z of the pooled two-proportion test (H0: p1 = p2) */
	z: number;
	/** its two-sided p-value */
	pValue: number;
}

/**
 * Difference of two independent proportions x1/n1 - x2/n2: estimate, confidence interval and the pooled z-test.
 * Textbook formulas (e.g. Agresti, Categorical Data Analysis, 3rd ed., §1.4 and §2.2).
 */
export function twoProportionLift(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	level = 0.95
): ProportionLift {
	if (!(n1 > 0 && n2 > 0)) throw new Error('both groups need at least one customer');
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const zc = normalQuantile(1 - (1 - level) / 2);
	const se = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
	const difference = p1 - p2;
	const pooled = (x1 + x2) / (n1 + n2);
	const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	const z = se0 > 0 ? difference / se0 : 0;
	let relativeCi: Interval | null = null;
	if (x1 > 0 && x2 > 0) {
		const logSe = Math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2);
		const logRatio = Math.log(p1 / p2);
		relativeCi = { low: Math.exp(logRatio - zc * logSe) - 1, high: Math.exp(logRatio + zc * logSe) - 1 };
	}
	return {
		difference,
		differenceCi: { low: difference - zc * se, high: difference + zc * se },
		relative: p2 > 0 ? p1 / p2 - 1 : null,
		relativeCi,
		z,
		pValue: se0 > 0 ? normalTwoSidedP(z) : 1
	};
}
