import { z } from 'zod';
import type { Database } from '../db';
import { filterParams, filtersSchema, GRAINS, type Filters, type Grain } from './filters';
import { withPeriodTables } from './periods-refresh';
import { withRollup } from './rollups';

/** The KPIs per period, in display order; definitions in docs/METRICS.md "KPIs per period". */
export const KPI_METRICS = [
	'active_customers',
	'new_customers',
	'returning_customers',
	'reactivated_customers',
	'churned_customers',
	'active_at_start',
	'churn_rate',
	'retention_rate',
	'repeat_purchase_rate',
	'revenue',
	'revenue_existing',
	'aov',
	'orders',
	'orders_per_customer',
	'net_revenue_retention',
	'historic_clv'
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export const periodParamsSchema = filtersSchema.extend({ period: z.enum(GRAINS).default('month') });
export type PeriodParams = z.infer<typeof periodParamsSchema>;

/** One period of queries/kpis.sql: every metric's value (NULL when its denominator is 0). */
export type KpiPeriod = {
	period: string;
	period_end: string;
	prev_period: string;
	year_ago_period: string;
	complete: boolean;
	/** the data covers only part of the period (not over yet, or begun before the data): no change is computed */
	partial: boolean;
} & Record<KpiMetric, number | null>;

/** One metric in one period with its change against the previous period and the same period a year earlier. */
export interface KpiValue {
	period: string;
	period_end: string;
	complete: boolean;
	partial: boolean;
	metric: KpiMetric;
	value: number | null;
	previous: number | null;
	change: number | null;
	change_rel: number | null;
	year_ago: number | null;
	yoy_change: number | null;
	yoy_change_rel: number | null;
}

/** Whether a period [start, end] overlaps the requested from/to range. */
export function inRange(start: string, end: string, f: Filters): boolean {
	return (!f.from || end >= f.from) && (!f.to || start <= f.to);
}

/** Every period from the first purchase to the as-of date, one row each (queries/kpis.sql), unfiltered by from/to. */
export async function kpiPeriods(db: Database, grain: Grain, filters: Filters = {}): Promise<KpiPeriod[]> {
	return withPeriodTables(db, filters.as_of, grain, (s, ctx) =>
		withRollup(s, ctx, 'kpi_rollup', grain, filters, (r, text) =>
			s.sql<KpiPeriod>(text('kpis'), {
				...filterParams(filters),
				...r,
				as_of: ctx.asOf,
				inactivity_days: ctx.inactivityDays,
				grain
			})
		)
	);
}

function change(a: number | null, b: number | null | undefined): [number | null, number | null] {
	if (a === null || b === null || b === undefined) return [null, null];
	return [a - b, b === 0 ? null : (a - b) / Math.abs(b)];
}

/**
 * KPIs per period within from/to, one row per (period, metric), each with the absolute and relative change against
 * the previous period and the same period a year earlier (weeks: 52 weeks earlier, so that weekdays line up). A
 * partial period neither has a change nor is one's base: 2010 against the one month of 2009 in the data is no +343%.
 */
export async function kpis(db: Database, params: PeriodParams): Promise<KpiValue[]> {
	const periods = await kpiPeriods(db, params.period, params);
	const byStart = new Map(periods.map((p) => [p.period, p]));
	const out: KpiValue[] = [];
	for (const p of periods) {
		if (!inRange(p.period, p.period_end, params)) continue;
		const whole = (q: KpiPeriod | undefined) => (q && !q.partial && !p.partial ? q : undefined);
		const prev = whole(byStart.get(p.prev_period));
		const yearAgo = whole(byStart.get(p.year_ago_period));
		for (const metric of KPI_METRICS) {
			const value = p[metric];
			const previous = prev ? prev[metric] : null;
			const year_ago = yearAgo ? yearAgo[metric] : null;
			const [c, cr] = change(value, previous);
			const [y, yr] = change(value, year_ago);
			out.push({
				period: p.period,
				period_end: p.period_end,
				complete: p.complete,
				partial: p.partial,
				metric,
				value,
				previous,
				change: c,
				change_rel: cr,
				year_ago,
				yoy_change: y,
				yoy_change_rel: yr
			});
		}
	}
	return out;
}
