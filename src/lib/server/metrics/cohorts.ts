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
	// Columns of the result (columnar.ts): doubles are read from their Float64Array straight into the row.
	const values = <K extends keyof CohortCell>(k: K) => c.columns[k] as CohortCell[K][];
	const doubles = (k: keyof CohortCell) => c.columns[k] as Doubles;
	const bd = values('breakdown');
	const cohort = values('cohort');
	const k = values('k');
	const period = values('period');
	const complete = values('complete');
	const size = values('cohort_size');
	const customers = values('customers');
	const onOrAfter = values('customers_on_or_after');
	const isAverage = values('is_average');
	const revenue = doubles('revenue');
	const cohortRevenue = doubles('cohort_revenue');
	const shareOn = doubles('share_on');
	const shareOnOrAfter = doubles('share_on_or_after');
	const ratio = doubles('revenue_ratio');
	// NULL flags per double column (all zero when the column has none), so that a NULL stays null as with Session.sql
	const none = new Uint8Array(c.rowCount);
	const [rev, revNull] = [revenue.values, revenue.nulls ?? none];
	const [cohortRev, cohortRevNull] = [cohortRevenue.values, cohortRevenue.nulls ?? none];
	const [on, onNull] = [shareOn.values, shareOn.nulls ?? none];
	const [onAfter, onAfterNull] = [shareOnOrAfter.values, shareOnOrAfter.nulls ?? none];
	const [ratios, ratioNull] = [ratio.values, ratio.nulls ?? none];
	const rows = new Array<CohortCell>(c.rowCount);
	for (let i = 0; i < c.rowCount; i++) {
		const shareOnI = (onNull[i] ? null : on[i]!) as number;
		const shareAfterI = (onAfterNull[i] ? null : onAfter[i]!) as number;
		const ratioI = ratioNull[i] ? null : ratios[i]!;
		rows[i] = {
			breakdown: bd[i]!,
			cohort: cohort[i]!,
			k: k[i]!,
			period: period[i]!,
			complete: complete[i]!,
			cohort_size: size[i]!,
			customers: customers[i]!,
			customers_on_or_after: onOrAfter[i]!,
			revenue: (revNull[i] ? null : rev[i]!) as number,
			cohort_revenue: (cohortRevNull[i] ? null : cohortRev[i]!) as number,
			share_on: shareOnI,
			share_on_or_after: shareAfterI,
			revenue_ratio: ratioI,
			is_average: isAverage[i]!,
			value: params.mode === 'on' ? shareOnI : params.mode === 'on-or-after' ? shareAfterI : ratioI
		};
	}
	return rows;
}
