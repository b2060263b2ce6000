import type { Database } from '../db';
import type { FitResult } from './fit';
import { purchaseFunctions, type PurchaseModel } from './purchase';
import { fitOnSummary, type FitStatus } from './service';
import { materialiseSummary, UNIT_DAYS, type TimeUnit } from './summary';

/** The purchase models a holdout can validate (purchase.ts). */
export { PURCHASE_MODELS, type PurchaseModel } from './purchase';

export interface ValidationRequest {
	model?: PurchaseModel;
	calibrationEnd: string;
	holdoutEnd: string;
	timeUnit?: TimeUnit;
	penalizer?: number;
}

/** Plain data for the calibration-vs-holdout charts (docs/MODELS.md, "Validation"). */
export interface ValidationResult {
	model: PurchaseModel;
	status: FitStatus;
	message: string;
	calibrationEnd: string;
	holdoutEnd: string;
	timeUnit: TimeUnit;
	/** Holdout length in the time unit. */
	holdoutLength: number;
	customers: number;
	fit?: FitResult<Record<string, number>>;
	/** Repeat purchase days in the holdout, all calibration customers together. */
	total?: { actual: number; predicted: number; errorPercent: number };
	/** Cumulative repeat purchase days by the end of each holdout period (week or day). */
	cumulative?: { period: number; endDate: string; actual: number; predicted: number }[];
	/** Mean holdout purchases by number of calibration repeat purchases (7 = "7 or more"). */
	byCalibrationPurchases?: {
		x: number;
		label: string;
		customers: number;
		actual: number;
		predicted: number;
	}[];
	/** Mean absolute error of the per-customer prediction, and of the bucket means above. */
	mae?: { perCustomer: number; byCalibrationPurchases: number };
}

const DAY = 86_400_000;

/**
 * The default calibration/holdout split (the Models page's, and the refresh's choice of model, selection.ts): the
 * holdout is the last third of the purchase history, rounded to whole weeks, between 4 and 52 weeks, ending on the
 * last purchase day. Undefined without purchases or when the calibration would be empty.
 */
export async function defaultSplit(
	db: Pick<Database, 'sql'>
): Promise<{ calibrationEnd: string; holdoutEnd: string } | undefined> {
	const rows = await db.sql<{ first: string | null; last: string | null }>(
		`SELECT strftime(min(first_purchase_at)::DATE, '%Y-%m-%d') AS first,
			strftime(max(last_purchase_at)::DATE, '%Y-%m-%d') AS last
		 FROM customer_summary`
	);
	const first = rows[0]?.first;
	const last = rows[0]?.last;
	if (!first || !last) return undefined;
	const spanDays = (Date.parse(last) - Date.parse(first)) / DAY;
	const holdoutWeeks = Math.min(52, Math.max(4, Math.round(spanDays / 3 / 7)));
	const holdoutEnd = last;
	const calibrationEnd = new Date(Date.parse(holdoutEnd) - holdoutWeeks * 7 * DAY).toISOString().slice(0, 10);
	if (calibrationEnd <= first) return undefined;
	return { calibrationEnd, holdoutEnd };
}

/**
 * Fits the model on the data up to calibrationEnd and compares its prediction of each customer's purchase days in
 * (calibrationEnd, holdoutEnd] with what happened. Nothing is stored.
 */
export async function validateModel(db: Database, req: ValidationRequest): Promise<ValidationResult> {
	const model = req.model ?? 'bgnbd';
	const timeUnit = req.timeUnit ?? 'week';
	const unitDays = UNIT_DAYS[timeUnit];
	const holdoutDays = (Date.parse(req.holdoutEnd) - Date.parse(req.calibrationEnd)) / 86_400_000;
	if (!(holdoutDays > 0)) {
		throw new Error(
			`the holdout end (${req.holdoutEnd}) must be after the calibration end (${req.calibrationEnd})`
		);
	}
	return db.withSession(async (s) => {
		await materialiseSummary(s, req.calibrationEnd, timeUnit);
		const run = await fitOnSummary(s, {
			model,
			timeUnit,
			calibrationEnd: req.calibrationEnd,
			penalizer: req.penalizer
		});
		const base: ValidationResult = {
			model,
			status: run.status,
			message: run.message,
			calibrationEnd: req.calibrationEnd,
			holdoutEnd: req.holdoutEnd,
			timeUnit,
			holdoutLength: holdoutDays / unitDays,
			customers: run.facts.customers,
			fit: run.fit
		};
		if (run.status !== 'ok' || !run.fit) return base;
		const params = run.fit.params;
		const horizon = holdoutDays / unitDays;
		const rows = await s.query<{ x: number; t_x: number; T: number; actual: number; n: number }>(
			'predictions_holdout_customers',
			{ calibration_end: req.calibrationEnd, holdout_end: req.holdoutEnd }
		);
		// Expected holdout purchases of a customer = P(alive) · (purchases if alive), the latter cached by (x, T).
		const expected = purchaseFunctions(model, params);
		let absError = 0;
		let actualTotal = 0;
		let predictedTotal = 0;
		let n = 0;
		const buckets = Array.from({ length: 8 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
		const aliveByXT = new Map<string, { x: number; T: number; alive: number }>();
		for (const r of rows) {
			const pAlive = expected.pAlive(r.x, r.t_x, r.T);
			const predicted = pAlive * expected.ifAlive(r.x, r.T, horizon);
			absError += r.n * Math.abs(predicted - r.actual);
			actualTotal += r.n * r.actual;
			predictedTotal += r.n * predicted;
			n += r.n;
			const b = buckets[Math.min(7, r.x)]!;
			b.customers += r.n;
			b.actual += r.n * r.actual;
			b.predicted += r.n * predicted;
			const key = `${r.x}|${r.T}`;
			const at = aliveByXT.get(key) ?? { x: r.x, T: r.T, alive: 0 };
			at.alive += r.n * pAlive;
			aliveByXT.set(key, at);
		}
		const periods = await s.query<{ period: number; purchases: number }>('predictions_holdout_periods', {
			calibration_end: req.calibrationEnd,
			holdout_end: req.holdoutEnd,
			unit_days: unitDays
		});
		const perPeriod = new Map(periods.map((p) => [p.period, p.purchases]));
		const cumulative: NonNullable<ValidationResult['cumulative']> = [];
		let running = 0;
		for (let k = 1; k <= Math.ceil(horizon - 1e-9); k++) {
			running += perPeriod.get(k) ?? 0;
			const t = Math.min(k, horizon);
			let predicted = 0;
			for (const g of aliveByXT.values()) predicted += g.alive * expected.ifAlive(g.x, g.T, t);
			const end = new Date(Date.parse(req.calibrationEnd) + Math.round(t * unitDays) * 86_400_000);
			cumulative.push({ period: k, endDate: end.toISOString().slice(0, 10), actual: running, predicted });
		}
		const byX = buckets
			.map((b, x) => ({
				x,
				label: x === 7 ? '7+' : String(x),
				customers: b.customers,
				actual: b.customers ? b.actual / b.customers : 0,
				predicted: b.customers ? b.predicted / b.customers : 0
			}))
			.filter((b) => b.customers > 0);
		return {
			...base,
			total: {
				actual: actualTotal,
				predicted: predictedTotal,
				errorPercent: actualTotal ? (100 * (predictedTotal - actualTotal)) / actualTotal : 0
			},
			cumulative,
			byCalibrationPurchases: byX,
			mae: {
				perCustomer: n ? absError / n : 0,
				byCalibrationPurchases:
					byX.reduce((acc, b) => acc + Math.abs(b.predicted - b.actual), 0) / (byX.length || 1)
			}
		};
	});
}
