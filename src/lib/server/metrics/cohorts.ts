import { z } from 'zod';
import type { Database } from '../db';
import { filterParams } from './filters';
import { periodParamsSchema } from './kpis';
import { withPeriodTables } from './periods-refresh';
import { withRollup } from './rollups';

export const COHORT_MODES = ['on', 'on-or-after', 'revenue'] as const;
export type CohortMode = (typeof COHORT_MODES)[number];

/** Breakdown key -> customer_period column: the only identifiers that reach the SQL text. */
const BREAKDOWNS = {
	acquisition_channel: 'acquisition_channel',
	region: 'region',
	first_order_channel: 'first_order_channel'
} as const;
export const COHORT_BREAKDOWNS = Object.keys(BREAKDOWNS) as (keyof typeof BREAKDOWNS)[];

export const cohortParamsSchema = periodParamsSchema.extend({
	mode: z.enum(COHORT_MODES).default('on'),
	breakdown: z.enum(COHORT_BREAKDOWNS as [keyof typeof BREAKDOWNS, ...(keyof typeof BREAKDOWNS)[]]).optional()
});
export type CohortParams = z.input<typeof cohortParamsSchema>;

export interface CohortCell {
	/** Value of the breakdown column, NULL without a breakdown (or for customers without a value). */
	breakdown: string | null;
	/** Cohort period start; NULL on the weighted-average rows. */
	cohort: string | null;
	k: number;
	period: string | null;
	complete: boolean;
	cohort_size: number;
	customers: number;
	customers_on_or_after: number;
	revenue: number;
	cohort_revenue: number;
	share_on: number;
	share_on_or_after: number;
	revenue_ratio: number | null;
	is_average: boolean;
	/** The cell's value in the requested mode: share_on, share_on_or_after or revenue_ratio. */
	value: number | null;
}

/** The cohort retention grid with a weighted-average row per k (queries/cohort_retention.sql). */
export async function cohortRetention(db: Database, input: CohortParams): Promise<CohortCell[]> {
	const params = cohortParamsSchema.parse(input);
	const breakdown = params.breakdown
		? { by: params.breakdown, column: BREAKDOWNS[params.breakdown] }
		: { by: 'none', column: 'NULL' };
	const rows = await withPeriodTables(db, params.as_of, params.period, (s, ctx) =>
		withRollup(
			s,
			ctx,
			'cohort_rollup',
			params.period,
			params,
			(r) =>
				s.query<Omit<CohortCell, 'value'>>('cohort_retention', {
					...filterParams(params),
					...r,
					as_of: ctx.asOf,
					grain: params.period
				}),
			breakdown
		)
	);
	return rows.map((r) => ({
		...r,
		value:
			params.mode === 'on'
				? r.share_on
				: params.mode === 'on-or-after'
					? r.share_on_or_after
					: r.revenue_ratio
	}));
}
