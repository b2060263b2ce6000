import { getRows, loadRows, settle, type Params } from '$lib/api';
import type { FilterKey } from '$lib/components/url';
import type { PageLoad } from './$types';

export interface FitRow {
	model: string;
	fit_id: string;
	param: string | null;
	estimate: number | null;
	std_error: number | null;
	converged: boolean | null;
	status: string | null;
	message: string | null;
	log_likelihood: number | null;
	iterations: number | null;
	n_customers: number | null;
	time_unit: string | null;
	calibration_end: string | null;
	as_of: string | null;
}

export interface ValidationRow {
	series: 'summary' | 'by_purchases' | 'cumulative';
	key: string;
	x: number | null;
	customers: number | null;
	actual: number | null;
	predicted: number | null;
	status: string | null;
	message: string | null;
	calibration_end: string | null;
	holdout_end: string | null;
	time_unit: string | null;
	error_percent: number | null;
	mae: number | null;
}

/**
 * The models page: the stored fits (fast) and the calibration-vs-holdout check (a refit on the calibration period:
 * seconds at 1M customers the first time, then cached on the server), which streams in after the page is shown.
 */
export const load: PageLoad = async ({ fetch, url }) => {
	const split: Params = {
		calibration_end: url.searchParams.get('calibration_end'),
		holdout_end: url.searchParams.get('holdout_end')
	};
	const fits = await loadRows<FitRow>(fetch, 'models/fits');
	const validation = settle(getRows<ValidationRow>(fetch, 'models/validation', split));
	return { fits, validation, filterFields: [] as FilterKey[] };
};
