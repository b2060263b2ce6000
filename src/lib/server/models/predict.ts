import type { Session } from '../db';
import { DAYS_PER_MONTH, discountedPurchases } from './clv';
import type { GammaGammaParams } from './gammagamma';
import { churnProbability, purchaseFunctions, type PurchaseModel } from './purchase';
import { SUMMARY_TABLE, UNIT_DAYS, type TimeUnit } from './summary';

export interface PredictOptions {
	asOf: string;
	timeUnit: TimeUnit;
	/** Horizon for expected purchases and predicted CLV, in days (default 365). */
	horizonDays: number;
	/** Discount rate per month for CLV (default 0.01). */
	discountRate: number;
	/** The churn window in days (setting inactivity_days): churn = no purchase in the next this many days. */
	inactivityDays: number;
}

/**
 * Replaces every row of `predictions` with one row per customer of SUMMARY_TABLE from the purchase model in use
 * (`purchase.model`: BG/NBD, MBG/NBD or Pareto/NBD) and Gamma-Gamma, so that the table, and the view
 * current_predictions every reader joins, hold one model's predictions. The model-dependent parts (P(alive), the
 * expected and discounted purchases of an alive customer, the median time to the next purchase) are computed here
 * once per distinct history (x, tₓ, T), the hypergeometric parts once per distinct (x, T); the per-customer
 * arithmetic runs in queries/predictions_write.sql.
 */
export async function writePredictions(
	s: Session,
	purchase: { model: PurchaseModel; fitId: number; params: Record<string, number> },
	spend: { fitId: number; params: GammaGammaParams } | undefined,
	o: PredictOptions
): Promise<number> {
	const unitDays = UNIT_DAYS[o.timeUnit];
	const horizon = {
		horizon: o.horizonDays / unitDays,
		month: DAYS_PER_MONTH / unitDays,
		discountRate: o.discountRate
	};
	const f = purchaseFunctions(purchase.model, purchase.params);
	const keys = await s.sql<{ x: number; tx_days: number; t_days: number }>(
		`SELECT DISTINCT x, (last_purchase - first_purchase) AS tx_days, ($as_of::DATE - first_purchase) AS t_days
		 FROM ${SUMMARY_TABLE}`,
		{ as_of: o.asOf }
	);
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE model_terms_now (x INTEGER, tx_days INTEGER, t_days INTEGER, p_alive DOUBLE,
		 expected_if_alive DOUBLE, discounted_if_alive DOUBLE, next_days DOUBLE, churn_probability DOUBLE)`
	);
	const byXT = new Map<string, { discounted: number; expected: number; next: number; quiet: number }>();
	const window = o.inactivityDays / unitDays;
	const appender = await s.connection.createAppender('model_terms_now', 'main', 'temp');
	for (const { x, tx_days, t_days } of keys) {
		const T = t_days / unitDays;
		const key = `${x}|${t_days}`;
		let terms = byXT.get(key);
		if (!terms) {
			const sums = discountedPurchases((t) => f.ifAlive(x, T, t), horizon);
			terms = {
				...sums,
				next: f.medianTimeToNext(x, T) * unitDays,
				quiet: f.quietIfAlive(x, T, window)
			};
			byXT.set(key, terms);
		}
		appender.appendInteger(x);
		appender.appendInteger(tx_days);
		appender.appendInteger(t_days);
		// A value the model cannot compute (Pareto/NBD's series not converging) is stored as unknown (NULL), never NaN.
		const pAlive = f.pAlive(x, tx_days / unitDays, T);
		const churn = churnProbability(pAlive, terms.quiet);
		for (const v of [pAlive, terms.expected, terms.discounted, terms.next, churn]) {
			if (Number.isFinite(v)) appender.appendDouble(v);
			else appender.appendNull();
		}
		appender.endRow();
	}
	appender.closeSync();
	await s.exec('DELETE FROM predictions');
	const g = spend?.params;
	await s.query('predictions_write', {
		model: purchase.model,
		as_of: o.asOf,
		horizon_days: o.horizonDays,
		fit_id: purchase.fitId,
		spend_fit_id: spend?.fitId ?? null,
		p: g?.p ?? null,
		q: g?.q ?? null,
		v: g?.v ?? null
	});
	const n = await s.sql<{ n: number }>('SELECT count(*) AS n FROM predictions');
	return n[0]?.n ?? 0;
}
