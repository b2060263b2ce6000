import { perRefresh } from '../derived/cache';
import type { Database } from '../db';
import {
	defaultSplit as holdoutSplit,
	validateModel,
	type PurchaseModel,
	type ValidationResult
} from '../models/validate';

/**
 * The calibration-vs-holdout check the models page shows: the models engineer's validateModel (fit on the data up to
 * the calibration end, compare predicted with actual repeat purchases up to the holdout end). By default the holdout
 * is the last third of the purchase history, rounded to whole weeks, between 4 and 52 weeks, ending on the last day
 * the current fit used. Results are kept in memory per database, data version and split, because a fit at 1M
 * customers takes seconds and the answer only changes when the data does.
 */
export interface ValidationSplit {
	model: PurchaseModel;
	calibrationEnd: string;
	holdoutEnd: string;
}

/** The models engineer's default split (validate.ts defaultSplit), for one model. */
export async function defaultSplit(
	db: Database,
	model: ValidationSplit['model'] = 'bgnbd'
): Promise<ValidationSplit | undefined> {
	const split = await holdoutSplit(db);
	return split && { model, ...split };
}

/** Validation for a split; the same split on the same data is computed once (the answer cache, derived/cache.ts). */
export async function cachedValidation(db: Database, split: ValidationSplit): Promise<ValidationResult> {
	return perRefresh(`model-validation:${JSON.stringify(split)}`, db, () =>
		validateModel(db, {
			model: split.model,
			calibrationEnd: split.calibrationEnd,
			holdoutEnd: split.holdoutEnd
		})
	);
}

/**
 * One row of /api/models/validation. A series leaves out what it does not have (the Arrow answer, which has every
 * column, gives null there): 'summary' the split, status and totals, 'by_purchases' and 'cumulative' their points.
 */
export interface ValidationRow {
	series: 'summary' | 'by_purchases' | 'cumulative';
	key: string;
	x?: number;
	customers?: number | null;
	actual?: number | null;
	predicted?: number | null;
	status?: string | null;
	message?: string | null;
	calibration_end?: string | null;
	holdout_end?: string | null;
	time_unit?: string | null;
	error_percent?: number | null;
	mae?: number | null;
}

/** One table for the API: the split and totals ('summary'), the buckets ('by_purchases'), the weeks ('cumulative'). */
export function validationRows(v: ValidationResult): ValidationRow[] {
	const rows: ValidationRow[] = [
		{
			series: 'summary',
			key: v.model,
			status: v.status,
			message: v.message,
			calibration_end: v.calibrationEnd,
			holdout_end: v.holdoutEnd,
			time_unit: v.timeUnit,
			customers: v.customers,
			actual: v.total?.actual ?? null,
			predicted: v.total?.predicted ?? null,
			error_percent: v.total?.errorPercent ?? null,
			mae: v.mae?.perCustomer ?? null
		}
	];
	for (const b of v.byCalibrationPurchases ?? []) {
		rows.push({
			series: 'by_purchases',
			key: b.label,
			x: b.x,
			customers: b.customers,
			actual: b.actual,
			predicted: b.predicted
		});
	}
	for (const c of v.cumulative ?? []) {
		rows.push({
			series: 'cumulative',
			key: c.endDate,
			x: c.period,
			actual: c.actual,
			predicted: c.predicted
		});
	}
	return rows;
}
