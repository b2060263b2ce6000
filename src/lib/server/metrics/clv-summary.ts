import type { Database } from '../db';
import type { Filters } from './filters';
import { queryOnSummary, type RfmConfig } from './summary';

export interface ClvSummary {
	/** filtered customers with a prediction of the latest BG/NBD run */
	customers: number;
	/** sum of their predicted CLV over the horizon (NULL without a spend model) */
	predicted_clv: number | null;
	mean_p_alive: number | null;
	/** sum of their expected purchases over the horizon */
	expected_purchases: number | null;
	horizon_days: number | null;
	model: string | null;
	/** the predictions' as-of date, 'YYYY-MM-DD' */
	as_of: string | null;
}

/**
 * The predicted value of the (filtered) customer base from the latest BG/NBD run: one row, or none when there are
 * no predictions yet (queries/clv_summary.sql).
 */
export async function clvSummary(
	db: Database,
	filters: Filters = {},
	rfm?: RfmConfig
): Promise<ClvSummary[]> {
	return (await queryOnSummary<ClvSummary>(db, 'clv_summary', filters, { rfm })).rows;
}
