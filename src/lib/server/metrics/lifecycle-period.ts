import type { Database } from '../db';
import { filterParams } from './filters';
import { inRange, type PeriodParams } from './kpis';
import { withPeriodTables } from './periods-refresh';
import { withRollup } from './rollups';

/** New / returning / resurrecting / dormant customers in one period (definitions: queries/lifecycle_period.sql). */
export interface LifecyclePeriod {
	period: string;
	period_end: string;
	complete: boolean;
	/** the data covers only part of the period (as in kpis.sql) */
	partial: boolean;
	active: number;
	new: number;
	returning: number;
	resurrecting: number;
	dormant: number;
}

export async function lifecyclePeriods(db: Database, params: PeriodParams): Promise<LifecyclePeriod[]> {
	const rows = await withPeriodTables(db, params.as_of, params.period, (s, ctx) =>
		withRollup(s, ctx, 'kpi_rollup', params.period, params, (r, text) =>
			s.sql<LifecyclePeriod>(text('lifecycle_period'), {
				...filterParams(params),
				...r,
				as_of: ctx.asOf,
				grain: params.period
			})
		)
	);
	return rows.filter((r) => inRange(r.period, r.period_end, params));
}
