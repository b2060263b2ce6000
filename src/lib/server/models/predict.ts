import type { Session } from '../db';
import { bgnbdMedianTimeToNext, type BgNbdParams } from './bgnbd';
import { DAYS_PER_MONTH, purchasesIfAlive } from './clv';
import type { GammaGammaParams } from './gammagamma';
import { SUMMARY_TABLE, UNIT_DAYS, type TimeUnit } from './summary';

export interface PredictOptions {
	asOf: string;
	timeUnit: TimeUnit;
	/** Horizon for expected purchases and predicted CLV, in days (default 365). */
	horizonDays: number;
	/** Discount rate per month for CLV (default 0.01). */
	discountRate: number;
}

/**
 * Writes one row per customer of SUMMARY_TABLE into `predictions` (replacing the model's earlier rows).
 * The parts of each prediction that depend only on (x, T) (and so need the hypergeometric series) are computed
 * here once per distinct (x, T); the per-customer arithmetic runs in queries/predictions_bgnbd.sql.
 */
export async function writeBgNbdPredictions(
	s: Session,
	bg: { fitId: number; params: BgNbdParams },
	spend: { fitId: number; params: GammaGammaParams } | undefined,
	o: PredictOptions
): Promise<number> {
	const unitDays = UNIT_DAYS[o.timeUnit];
	const horizon = {
		horizon: o.horizonDays / unitDays,
		month: DAYS_PER_MONTH / unitDays,
		discountRate: o.discountRate
	};
	const keys = await s.sql<{ x: number; t_days: number }>(
		`SELECT DISTINCT x, ($as_of::DATE - first_purchase) AS t_days FROM ${SUMMARY_TABLE}`,
		{ as_of: o.asOf }
	);
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE model_terms_now (x INTEGER, t_days INTEGER, expected_if_alive DOUBLE,
		 discounted_if_alive DOUBLE, next_days DOUBLE)`
	);
	const appender = await s.connection.createAppender('model_terms_now', 'main', 'temp');
	for (const { x, t_days } of keys) {
		const T = t_days / unitDays;
		appender.appendInteger(x);
		appender.appendInteger(t_days);
		const ifAlive = purchasesIfAlive(bg.params, x, T, horizon);
		appender.appendDouble(ifAlive.expected);
		appender.appendDouble(ifAlive.discounted);
		appender.appendDouble(bgnbdMedianTimeToNext(bg.params, x, T) * unitDays);
		appender.endRow();
	}
	appender.closeSync();
	await s.exec("DELETE FROM predictions WHERE model = 'bgnbd'");
	const g = spend?.params;
	await s.query('predictions_bgnbd', {
		as_of: o.asOf,
		horizon_days: o.horizonDays,
		fit_id: bg.fitId,
		spend_fit_id: spend?.fitId ?? null,
		...bg.params,
		p: g?.p ?? null,
		q: g?.q ?? null,
		v: g?.v ?? null
	});
	const n = await s.sql<{ n: number }>("SELECT count(*) AS n FROM predictions WHERE model = 'bgnbd'");
	return n[0]?.n ?? 0;
}
