import type { ModelName } from './fit';
import type { SummaryFacts } from './summary';

/**
 * When the data cannot support a model, it is not fitted and no numbers are shown: the result names the
 * threshold that failed. The values are rules of thumb (docs/MODELS.md explains them), not statistical laws.
 */
export const ELIGIBILITY = {
	/** Customers with at least one purchase in the calibration period. */
	minCustomers: 100,
	/** Customers with at least one repeat purchase day: the purchase rate and dropout need repeat behaviour. */
	minRepeatCustomers: 30,
	/** Days from the first purchase in the data to the calibration end. */
	minHistoryDays: 56
} as const;

export type Eligibility = { eligible: true } | { eligible: false; threshold: string; message: string };

export function checkEligibility(model: ModelName, f: SummaryFacts, rules = ELIGIBILITY): Eligibility {
	const fail = (threshold: string, message: string): Eligibility => ({ eligible: false, threshold, message });
	if (f.customers < rules.minCustomers) {
		return fail(
			'minCustomers',
			`${model}: only ${f.customers} customers with a purchase; at least ${rules.minCustomers} are needed. Load more purchase history.`
		);
	}
	if (f.historyDays < rules.minHistoryDays) {
		return fail(
			'minHistoryDays',
			`${model}: the purchase history covers ${f.historyDays} days up to the calibration end; at least ${rules.minHistoryDays} are needed. Use a later calibration end or load older data.`
		);
	}
	const repeat = model === 'gamma-gamma' ? f.repeatWithSpend : f.repeatCustomers;
	if (repeat < rules.minRepeatCustomers) {
		return fail(
			'minRepeatCustomers',
			`${model}: only ${repeat} customers bought again on a later day${model === 'gamma-gamma' ? ' with a positive spend' : ''}; at least ${rules.minRepeatCustomers} are needed.`
		);
	}
	return { eligible: true };
}
