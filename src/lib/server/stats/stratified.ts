import type { Interval } from './interval';
import { tQuantile, tTwoSidedP } from './student-t';
import type { GroupMoments } from './welch';

/** One stratum of a stratified experiment: the per-customer outcome's moments in each arm. */
export interface Stratum {
	treated: GroupMoments;
	control: GroupMoments;
}

export interface StratifiedDifference {
	/** Σ w_s (mean_T,s − mean_C,s), w_s = the stratum's share of the customers of the strata compared */
	difference: number;
	ci: Interval;
	/** the weighted arm means Σ w_s mean_s, and the variances of those weighted means */
	treatedMean: number;
	controlMean: number;
	treatedVariance: number;
	controlVariance: number;
	/** Welch–Satterthwaite degrees of freedom over every stratum × arm */
	df: number;
	pValue: number;
	/** treatedMean / controlMean − 1 with a delta-method interval on the log ratio; null when controlMean ≤ 0 */
	relative: number | null;
	relativeCi: Interval | null;
}

/**
 * The stratified (post-stratified) difference of means for a randomised experiment whose assignment was stratified:
 * Var = Σ w_s² (s²_T,s / n_T,s + s²_C,s / n_C,s) (Cochran, Sampling Techniques, 3rd ed., §5.3; Imbens & Rubin,
 * Causal Inference, ch. 9), a t interval with Satterthwaite's degrees of freedom (Satterthwaite 1946). With one
 * stratum it is Welch's interval. For a 0/1 outcome it is the stratified difference of proportions. Strata lacking
 * either arm cannot be compared and are left out.
 */
export function stratifiedDifference(strata: readonly Stratum[], level = 0.95): StratifiedDifference | null {
	const usable = strata.filter((s) => s.treated.n > 1 && s.control.n > 1);
	const total = usable.reduce((sum, s) => sum + s.treated.n + s.control.n, 0);
	if (!total) return null;
	let treatedMean = 0;
	let controlMean = 0;
	let treatedVariance = 0;
	let controlVariance = 0;
	let dfDenominator = 0;
	for (const s of usable) {
		const w = (s.treated.n + s.control.n) / total;
		const vt = (w * w * s.treated.variance) / s.treated.n;
		const vc = (w * w * s.control.variance) / s.control.n;
		treatedMean += w * s.treated.mean;
		controlMean += w * s.control.mean;
		treatedVariance += vt;
		controlVariance += vc;
		dfDenominator += (vt * vt) / (s.treated.n - 1) + (vc * vc) / (s.control.n - 1);
	}
	const variance = treatedVariance + controlVariance;
	const difference = treatedMean - controlMean;
	const se = Math.sqrt(variance);
	const df = dfDenominator > 0 ? (variance * variance) / dfDenominator : total - 2;
	const tc = tQuantile(1 - (1 - level) / 2, Math.max(df, 1));
	const pValue = se > 0 ? tTwoSidedP(difference / se, Math.max(df, 1)) : difference === 0 ? 1 : 0;
	let relative: number | null = null;
	let relativeCi: Interval | null = null;
	if (controlMean > 0) {
		relative = treatedMean / controlMean - 1;
		if (treatedMean > 0) {
			const logSe = Math.sqrt(treatedVariance / treatedMean ** 2 + controlVariance / controlMean ** 2);
			const logRatio = Math.log(treatedMean / controlMean);
			relativeCi = { low: Math.exp(logRatio - tc * logSe) - 1, high: Math.exp(logRatio + tc * logSe) - 1 };
		}
	}
	return {
		difference,
		ci: { low: difference - tc * se, high: difference + tc * se },
		treatedMean,
		controlMean,
		treatedVariance,
		controlVariance,
		df,
		pValue,
		relative,
		relativeCi
	};
}

/** The moments of a 0/1 outcome: x successes of n (sample variance with n − 1). */
export function binaryMoments(x: number, n: number): GroupMoments {
	const p = n > 0 ? x / n : 0;
	return { n, mean: p, variance: n > 1 ? (n * p * (1 - p)) / (n - 1) : 0 };
}
