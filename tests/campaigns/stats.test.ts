import { describe, expect, it } from 'vitest';
import { minimumDetectableDifference } from '../../src/lib/server/stats/detectable';
import { normalCdf, normalQuantile } from '../../src/lib/server/stats/normal';
import { tCdf, tQuantile } from '../../src/lib/server/stats/student-t';
import { twoProportionLift } from '../../src/lib/server/stats/two-proportions';
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

describe('difference of two proportions', () => {
	// Agresti, Categorical Data Analysis (3rd ed.), §2.2: Physicians' Health Study, myocardial infarction on
	// placebo 189 / 11,034 vs aspirin 104 / 11,037: difference 0.0077 with 95% CI (0.005, 0.011), relative risk
	// 1.82 with CI (1.43, 2.30), Pearson X² = 25.0.
	const lift = twoProportionLift(189, 11034, 104, 11037);
	it('gives the textbook difference and interval', () => {
		expect(lift.difference).toBeCloseTo(0.0077, 4);
		expect(lift.differenceCi.low).toBeCloseTo(0.0047, 4);
		expect(lift.differenceCi.high).toBeCloseTo(0.0107, 4);
	});
	it('gives the textbook relative risk interval', () => {
		expect(lift.relative! + 1).toBeCloseTo(1.82, 2);
		expect(lift.relativeCi!.low + 1).toBeCloseTo(1.43, 2);
		expect(Math.abs(lift.relativeCi!.high + 1 - 2.3)).toBeLessThan(0.01); // 2.306, printed 2.30
	});
	it('gives the textbook test statistic', () => {
		expect(lift.z * lift.z).toBeCloseTo(25.01, 1);
		expect(lift.pValue).toBeGreaterThan(4e-7);
		expect(lift.pValue).toBeLessThan(8e-7);
	});
	it('is symmetric: swapping the groups negates the difference', () => {
		const back = twoProportionLift(104, 11037, 189, 11034);
		expect(back.difference).toBeCloseTo(-lift.difference, 12);
		expect(back.pValue).toBeCloseTo(lift.pValue, 12);
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
