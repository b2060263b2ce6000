import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { latestModelFits } from '$lib/server/customers/model-fits';
import type { RequestHandler } from './$types';

const COLUMNS = [
	'model',
	'fit_id',
	'param',
	'estimate',
	'std_error',
	'converged',
	'status',
	'message',
	'log_likelihood',
	'iterations',
	'n_customers',
	'time_unit',
	'calibration_end',
	'as_of'
];

/**
 * GET /api/models/fits: the latest fit of each model, one row per parameter (param, estimate, std_error) with the
 * fit's status, convergence, likelihood, size and dates repeated; a fit without parameters (ineligible, failed) is
 * one row with param NULL, so that its status and message still show.
 */
export const GET: RequestHandler = async ({ url }) => {
	const fits = await latestModelFits(await appDb());
	const rows = fits.flatMap((fit): Record<string, unknown>[] => {
		const common = {
			model: fit.model,
			fit_id: fit.fit_id,
			converged: fit.converged,
			status: fit.status,
			message: fit.message,
			log_likelihood: fit.log_likelihood,
			iterations: fit.iterations,
			n_customers: fit.n_customers,
			time_unit: fit.time_unit,
			calibration_end: fit.calibration_end,
			as_of: fit.as_of
		};
		const params = Object.entries(fit.params);
		if (params.length === 0) return [{ ...common, param: null, estimate: null, std_error: null }];
		return params.map(([param, estimate]) => ({
			...common,
			param,
			estimate,
			std_error: fit.std_errors?.[param] ?? null
		}));
	});
	return rowsResponse(url, rows, COLUMNS);
};
