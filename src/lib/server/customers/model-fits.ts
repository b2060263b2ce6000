import type { Database } from '../db';

/** A stored model fit as the dashboard shows it (model_fits, the models engineer's table). */
export interface ModelFit {
	fit_id: string;
	model: string;
	params: Record<string, number>;
	std_errors: Record<string, number | null> | null;
	log_likelihood: number | null;
	converged: boolean | null;
	iterations: number | null;
	n_customers: number | null;
	time_unit: string | null;
	calibration_end: string | null;
	as_of: string | null;
	created_at: string | null;
	status: string | null;
	message: string | null;
}

type FitRow = Omit<ModelFit, 'params' | 'std_errors' | 'fit_id'> & {
	fit_id: string | number;
	params: string | null;
	std_errors: string | null;
};

function parseJsonObject<T>(text: string | null): T | null {
	if (!text) return null;
	try {
		const v: unknown = JSON.parse(text);
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as T) : null;
	} catch {
		return null;
	}
}

function toFit(row: FitRow): ModelFit {
	return {
		...row,
		fit_id: String(row.fit_id),
		params: parseJsonObject<Record<string, number>>(row.params) ?? {},
		std_errors: parseJsonObject<Record<string, number | null>>(row.std_errors)
	};
}

/** The latest fit of every model, BG/NBD first. */
export async function latestModelFits(db: Database): Promise<ModelFit[]> {
	return (await db.query<FitRow>('model_view_fits')).map(toFit);
}

/** One parameter of a fit as /api/models/fits sends it, with the fit's status, size and dates repeated. */
export type FitParameterRow = Pick<
	ModelFit,
	| 'model'
	| 'fit_id'
	| 'converged'
	| 'status'
	| 'message'
	| 'log_likelihood'
	| 'iterations'
	| 'n_customers'
	| 'time_unit'
	| 'calibration_end'
	| 'as_of'
> & { param: string | null; estimate: number | null; std_error: number | null };

/** Fits as rows of parameters; a fit without parameters (ineligible, failed) is one row with param NULL. */
export function fitParameterRows(fits: readonly ModelFit[]): FitParameterRow[] {
	return fits.flatMap((fit): FitParameterRow[] => {
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
}

/** One fit by id, or the latest of `model` when no id is given; undefined when there is none. */
export async function modelFit(
	db: Database,
	fitId: string | null,
	model: string
): Promise<ModelFit | undefined> {
	const rows = await db.query<FitRow>('model_view_fit', { fit_id: fitId, model });
	return rows[0] ? toFit(rows[0]) : undefined;
}

/** A fit whose numbers may be shown as estimates: it converged and was not flagged ineligible or failed. */
export function isUsableFit(fit: ModelFit): boolean {
	const status = (fit.status ?? 'ok').toLowerCase();
	return fit.converged === true && !/ineligible|fail|error|not.?converged/.test(status);
}
