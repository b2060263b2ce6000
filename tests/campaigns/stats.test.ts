import { describe, expect, it } from 'vitest';
import { minimumDetectableDifference } from '../../src/lib/server/stats/detectable';
import { normalCdf, normalQuantile } from '../../src/lib/server/stats/normal';
import { tCdf, tQuantile } from '../../src/lib/server/stats/student-t';
import { binaryMoments, stratifiedDifference } from '../../src/lib/server/stats/stratified';
import { momentsFromSums, welchDifference } from '../../src/lib/server/stats/welch';

describe('normal and t distributions (table values)', () => {
	it('matches the normal table', () => {
		expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
		expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
		expect(normalCdf(1.644854)).toBeCloseTo(0.95, 6);
		expect(normalCdf(-3)).toBeCloseTo(0.0013499, 6);
	});
	it('matches the t table', () => {
		expect(tQuantile(0.975, 10)).toBeCloseTo(2.228139, 5);
		expect(tQuantile(0.975, 1)).toBeCloseTo(12.706205, 4);
		expect(tQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
		expect(tCdf(-2.5, 7.3)).toBeCloseTo(0.0198251, 6); // fractional df (scipy.stats.t.cdf)
	});
});

describe('difference of two proportions (one stratum)', () => {
	// Agresti, Categorical Data Analysis (3rd ed.), §2.2: Physicians' Health Study, myocardial infarction on
	// placebo 189 / 11,034 vs aspirin 104 / 11,037: difference 0.0077 with 95% CI (0.005, 0.011), relative risk
	// 1.82 with CI (1.43, 2.30). The unpooled test: t = 5.004 (df 20,391), p 5.67e-7 (scipy.stats.t.sf).
	const lift = stratifiedDifference([
		{ treated: binaryMoments(189, 11034), control: binaryMoments(104, 11037) }
	])!;
	it('gives the textbook difference and interval', () => {
		expect(lift.difference).toBeCloseTo(0.0077, 4);
		expect(lift.ci.low).toBeCloseTo(0.0047, 4);
		expect(lift.ci.high).toBeCloseTo(0.0107, 4);
	});
	it('gives the textbook relative risk interval', () => {
		expect(lift.relative! + 1).toBeCloseTo(1.82, 2);
		expect(lift.relativeCi!.low + 1).toBeCloseTo(1.43, 2);
		expect(Math.abs(lift.relativeCi!.high + 1 - 2.3)).toBeLessThan(0.01); // 2.306, printed 2.30
	});
	it('gives the test statistic and p-value', () => {
		expect(lift.difference / Math.sqrt(lift.treatedVariance + lift.controlVariance)).toBeCloseTo(5.0038, 3);
		expect(lift.df).toBeCloseTo(20390.5, 0);
		expect(lift.pValue).toBeCloseTo(5.668e-7, 9);
	});
	it('is symmetric: swapping the groups negates the difference', () => {
		const back = stratifiedDifference([
			{ treated: binaryMoments(104, 11037), control: binaryMoments(189, 11034) }
		])!;
		expect(back.difference).toBeCloseTo(-lift.difference, 12);
		expect(back.pValue).toBeCloseTo(lift.pValue, 12);
	});
});

describe('stratified difference', () => {
	it('weights each stratum by its size and removes the between-strata variance', () => {
		// two strata with very different rates and the same 10% holdout: the difference is the weighted one
		const strata = [
			{ treated: binaryMoments(450, 900), control: binaryMoments(40, 100) },
			{ treated: binaryMoments(18, 1800), control: binaryMoments(2, 200) }
		];
		const s = stratifiedDifference(strata)!;
		expect(s.difference).toBeCloseTo((1000 / 3000) * (0.5 - 0.4) + (2000 / 3000) * (0.01 - 0.01), 12);
		const pooledVariance = binaryMoments(468, 2700).variance / 2700 + binaryMoments(42, 300).variance / 300;
		expect(s.treatedVariance + s.controlVariance).toBeLessThan(pooledVariance);
	});
	it('leaves out a stratum without a control group', () => {
		const s = stratifiedDifference([
			{ treated: binaryMoments(5, 10), control: binaryMoments(0, 0) },
			{ treated: binaryMoments(30, 100), control: binaryMoments(2, 10) }
		])!;
		expect(s.difference).toBeCloseTo(0.1, 12);
	});
	it('equals Welch with one stratum', () => {
		const a = { n: 40, mean: 3, variance: 4 };
		const b = { n: 12, mean: 2, variance: 9 };
		const s = stratifiedDifference([{ treated: a, control: b }])!;
		const w = welchDifference(a, b);
		expect(s.ci.low).toBeCloseTo(w.ci.low, 10);
		expect(s.df).toBeCloseTo(w.df, 10);
		expect(s.pValue).toBeCloseTo(w.pValue, 10);
	});
});

describe('Welch difference of means', () => {
	// reference: scipy.stats.ttest_ind(a, b, equal_var=False) (scipy 1.17): t 3.8238, df 11.1913, p 0.0027392,
	// 95% CI (1.78413, 6.59999)
	const a = [19.1, 21.3, 18.7, 25.0, 22.4, 20.2, 23.9];
	const b = [16.2, 17.9, 19.5, 15.1, 18.8, 17.0, 16.4, 20.1, 14.9];
	const m = (xs: number[]) =>
		momentsFromSums(
			xs.length,
			xs.reduce((s, x) => s + x, 0),
			xs.reduce((s, x) => s + x * x, 0)
		);
	const w = welchDifference(m(a), m(b));
	it('matches the reference', () => {
		expect(w.t).toBeCloseTo(3.823805, 4);
		expect(w.df).toBeCloseTo(11.191322, 4);
		expect(w.pValue).toBeCloseTo(0.0027392, 6);
		expect(w.ci.low).toBeCloseTo(1.784132, 4);
		expect(w.ci.high).toBeCloseTo(6.599995, 4);
	});
});

describe('minimum detectable difference', () => {
	it('is (1.96 + 0.84)·sqrt(p(1-p)(2/n)) at 80% power', () => {
		const d = minimumDetectableDifference(0.1, 1000, 1000);
		expect(d).toBeCloseTo(2.801585 * Math.sqrt(0.09 * 0.002), 5);
	});
	it('shrinks as the groups grow', () => {
		expect(minimumDetectableDifference(0.1, 9000, 1000)).toBeLessThan(
			minimumDetectableDifference(0.1, 900, 100)
		);
	});
});
