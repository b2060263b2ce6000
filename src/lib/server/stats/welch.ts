import { tQuantile, tTwoSidedP } from './student-t';
import type { Interval } from './interval';

/** A group's summary: size, mean and sample variance (n - 1 in the denominator). */
export interface GroupMoments {
	n: number;
	mean: number;
	variance: number;
}

export interface MeanDifference {
	difference: number;
	ci: Interval;
	/** Welch–Satterthwaite degrees of freedom */
	df: number;
	t: number;
	pValue: number;
}

/** Sample moments from a count, a sum and a sum of squares (what one SQL pass returns). */
export function momentsFromSums(n: number, sum: number, sumOfSquares: number): GroupMoments {
	const mean = n > 0 ? sum / n : 0;
	const variance = n > 1 ? Math.max(0, (sumOfSquares - n * mean * mean) / (n - 1)) : 0;
	return { n, mean, variance };
}

/**
 * Welch's unequal-variance t interval and test for mean1 - mean2 (Welch 1947; Satterthwaite 1946 for the degrees
 * of freedom). With both variances 0 the interval is the point and the p-value 1 (equal means) or 0.
 */
export function welchDifference(a: GroupMoments, b: GroupMoments, level = 0.95): MeanDifference {
	if (!(a.n > 1 && b.n > 1)) throw new Error('Welch needs at least two customers in each group');
	const va = a.variance / a.n;
	const vb = b.variance / b.n;
	const se = Math.sqrt(va + vb);
	const difference = a.mean - b.mean;
	if (se === 0) {
		return {
			difference,
			ci: { low: difference, high: difference },
			df: a.n + b.n - 2,
			t: 0,
			pValue: difference === 0 ? 1 : 0
		};
	}
	const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
	const tc = tQuantile(1 - (1 - level) / 2, df);
	const t = difference / se;
	return {
		difference,
		ci: { low: difference - tc * se, high: difference + tc * se },
		df,
		t,
		pValue: tTwoSidedP(t, df)
	};
}
