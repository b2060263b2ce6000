import { z } from 'zod';
import type { Database } from '../db';
import { loadQuery } from '../db';
import { readColumns, type Doubles } from './columnar';
import { filterParams } from './filters';
import { periodParamsSchema } from './kpis';
import { withPeriodTables } from './periods-refresh';
import { COHORT_GRID_BREAKDOWNS, rollupDim, ROLLUPS, withRollup } from './rollups';

export const COHORT_MODES = ['on', 'on-or-after', 'revenue'] as const;
export type CohortMode = (typeof COHORT_MODES)[number];

/** Breakdown key -> customer_period column: the only identifiers that reach the SQL text. */
const BREAKDOWNS = {
	acquisition_channel: 'acquisition_channel',
	region: 'region',
	country: 'country',
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
	const c = await withPeriodTables(db, params.as_of, params.period, (s, ctx) =>
		// No customer filter, no from/to, a rolled-up grain: the stored grid (the same SQL's rows, rollups.ts).
		ctx.rollups &&
		ctx.grid &&
		!params.from &&
		!params.to &&
		rollupDim(params, true)?.dim === 'all' &&
		ROLLUPS.cohort_rollup.grains.includes(params.period) &&
		(COHORT_GRID_BREAKDOWNS as readonly string[]).includes(breakdown.by)
			? readColumns(s, loadQuery('cohort_grid_read'), { grain: params.period, breakdown_by: breakdown.by })
			: withRollup(
					s,
					ctx,
					'cohort_rollup',
					params.period,
					params,
					// Tens of thousands of cells with a breakdown: read column by column (columnar.ts).
					(r, text) =>
						readColumns(s, text('cohort_retention'), {
							...filterParams(params),
							...r,
							as_of: ctx.asOf,
							grain: params.period
						}),
					breakdown
				)
	);
	// Columns of the result (columnar.ts), put together into rows here (no per-value conversion in between).
	const col = <K extends keyof CohortCell>(k: K) => c.columns[k] as CohortCell[K][];
	/** A DOUBLE column's value at row i (null for NULL, as Session.sql gives). */
	const dbl = (k: keyof CohortCell) => {
		const { values, nulls } = c.columns[k] as Doubles;
		return (i: number) => (nulls?.[i] ? null : values[i]!);
	};
	const [bd, cohort, k, period, complete] = [
		col('breakdown'),
		col('cohort'),
		col('k'),
		col('period'),
		col('complete')
	];
	const [size, customers, onOrAfter, isAverage] = [
		col('cohort_size'),
		col('customers'),
		col('customers_on_or_after'),
		col('is_average')
	];
	const [revenue, cohortRevenue, shareOn, shareOnOrAfter, ratio] = [
		dbl('revenue'),
		dbl('cohort_revenue'),
		dbl('share_on'),
		dbl('share_on_or_after'),
		dbl('revenue_ratio')
	];
	const rows = new Array<CohortCell>(c.rowCount);
	for (let i = 0; i < c.rowCount; i++) {
		const on = shareOn(i) as number;
		const onAfter = shareOnOrAfter(i) as number;
		const r = ratio(i);
		rows[i] = {
			breakdown: bd[i]!,
			cohort: cohort[i]!,
			k: k[i]!,
			period: period[i]!,
			complete: complete[i]!,
			cohort_size: size[i]!,
			customers: customers[i]!,
			customers_on_or_after: onOrAfter[i]!,
			revenue: revenue(i) as number,
			cohort_revenue: cohortRevenue(i) as number,
			share_on: on,
			share_on_or_after: onAfter,
			revenue_ratio: r,
			is_average: isAverage[i]!,
			value: params.mode === 'on' ? on : params.mode === 'on-or-after' ? onAfter : r
		};
	}
	return rows;
}
