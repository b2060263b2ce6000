import { getRows, loadRows, settle, type Params, type Wire } from '$lib/api';
import type { FitParameterRow } from '$lib/server/customers/model-fits';
import type { ValidationRow as ServerValidationRow } from '$lib/server/customers/model-validation';
import type { ModelSelectionRow } from '$lib/server/models/selection';
import type { FilterKey } from '$lib/components/url';
import type { PageLoad } from './$types';

export type FitRow = Wire<FitParameterRow>;

export type ValidationRow = Wire<ServerValidationRow>;

export type SelectionRow = Wire<ModelSelectionRow>;

const PURCHASE = ['bgnbd', 'mbg-nbd', 'pareto-nbd'];

/**
 * The models page: the stored fits and the purchase model choice (fast), and the calibration-vs-holdout check of
 * one model (URL `model`, default the model in use: a refit on the calibration period, seconds at 1M customers the
 * first time, then cached on the server), which streams in after the page is shown.
 */
export const load: PageLoad = async ({ fetch, url }) => {
	const [fits, selection] = await Promise.all([
		loadRows<FitRow>(fetch, 'models/fits'),
		loadRows<SelectionRow>(fetch, 'models/selection')
	]);
	const asked = url.searchParams.get('model');
	const inUse = (selection.data ?? []).find((r) => r.in_use)?.model;
	const model = asked && PURCHASE.includes(asked) ? asked : (inUse ?? 'bgnbd');
	const split: Params = {
		model,
		calibration_end: url.searchParams.get('calibration_end'),
		holdout_end: url.searchParams.get('holdout_end')
	};
	const validation = settle(getRows<ValidationRow>(fetch, 'models/validation', split));
	return { fits, selection, model, validation, filterFields: [] as FilterKey[] };
};
