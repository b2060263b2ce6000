import type { Session } from '../db';
import { loadQuery } from '../db';
import type { CustomerHistories, SpendHistories } from './data';

export type TimeUnit = 'day' | 'week';
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

/** The temp table (per connection) that holds queries/model_summary.sql's result while models are fitted. */
export const SUMMARY_TABLE = 'temp.model_summary_now';

/**
 * Materialises the model summary at `asOf` (YYYY-MM-DD, that day included) in SUMMARY_TABLE on this session's
 * connection, so that fitting, predicting and eligibility all read one computation.
 */
export async function materialiseSummary(s: Session, asOf: string, unit: TimeUnit): Promise<void> {
	await s.exec(`CREATE OR REPLACE TEMP TABLE model_summary_now AS ${loadQuery('model_summary')}`, {
		as_of: asOf,
		unit_days: UNIT_DAYS[unit]
	});
}

/**
 * Runs a query whose columns are all DOUBLE and returns them as Float64Arrays, reading DuckDB's vectors chunk by
 * chunk (several times faster than converting rows to JS objects, which matters at a million rows).
 */
async function doubleColumns(s: Session, sql: string): Promise<Float64Array[]> {
	const result = await s.connection.run(sql);
	const chunks = await result.fetchAllChunks();
	const rows = chunks.reduce((n, c) => n + c.rowCount, 0);
	const columns = Array.from({ length: result.columnCount }, () => new Float64Array(rows));
	let offset = 0;
	for (const chunk of chunks) {
		columns.forEach((col, j) => {
			const vector = chunk.getColumnVector(j);
			for (let i = 0; i < chunk.rowCount; i++) col[offset + i] = (vector.getItem(i) as number | null) ?? NaN;
		});
		offset += chunk.rowCount;
	}
	return columns;
}

/** Purchase histories grouped by identical (x, t_x, T), with the count as weight; sorted, so fits are repeatable. */
export async function readHistories(s: Session): Promise<CustomerHistories> {
	const [x, tx, T, weight] = await doubleColumns(
		s,
		`SELECT x::DOUBLE, t_x::DOUBLE, "T"::DOUBLE, count(*)::DOUBLE FROM ${SUMMARY_TABLE} GROUP BY ALL ORDER BY ALL`
	);
	return { x: x!, tx: tx!, T: T!, weight: weight! };
}

/** Repeat customers' spend (x > 0, m > 0), grouped by identical (x, m). */
export async function readSpend(s: Session): Promise<SpendHistories> {
	const [x, m, weight] = await doubleColumns(
		s,
		`SELECT x::DOUBLE, m::DOUBLE, count(*)::DOUBLE FROM ${SUMMARY_TABLE} WHERE x > 0 AND m > 0 GROUP BY ALL ORDER BY ALL`
	);
	return { x: x!, m: m!, weight: weight! };
}

/** What the eligibility rules look at. */
export interface SummaryFacts {
	customers: number;
	repeatCustomers: number;
	repeatWithSpend: number;
	/** Days from the first purchase in the data to the calibration end. */
	historyDays: number;
	/** Correlation of x and m among repeat customers (Gamma-Gamma assumes about zero). */
	spendFrequencyCorrelation: number | null;
}

export async function summaryFacts(s: Session, asOf: string): Promise<SummaryFacts> {
	const rows = await s.sql<{
		customers: number;
		repeat_customers: number | null;
		repeat_with_spend: number | null;
		history_days: number | null;
		corr: number | null;
	}>(
		`SELECT count(*)::DOUBLE AS customers,
			count(*) FILTER (WHERE x > 0)::DOUBLE AS repeat_customers,
			count(*) FILTER (WHERE x > 0 AND m > 0)::DOUBLE AS repeat_with_spend,
			($as_of::DATE - min(first_purchase))::DOUBLE AS history_days,
			corr(x, m) FILTER (WHERE x > 0) AS corr
		 FROM ${SUMMARY_TABLE}`,
		{ as_of: asOf }
	);
	const r = rows[0];
	return {
		customers: r?.customers ?? 0,
		repeatCustomers: r?.repeat_customers ?? 0,
		repeatWithSpend: r?.repeat_with_spend ?? 0,
		historyDays: r?.history_days ?? 0,
		spendFrequencyCorrelation: r?.corr ?? null
	};
}
