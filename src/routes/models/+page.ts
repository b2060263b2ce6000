import { getRows, loadRows, settle, type Params, type Wire } from '$lib/api';
import type { FitParameterRow } from '$lib/server/customers/model-fits';
import type { ValidationRow as ServerValidationRow } from '$lib/server/customers/model-validation';
import type { FilterKey } from '$lib/components/url';
import type { PageLoad } from './$types';

export type FitRow = Wire<FitParameterRow>;

export type ValidationRow = Wire<ServerValidationRow>;

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
