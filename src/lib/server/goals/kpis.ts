import { z } from 'zod';
import type { Database } from '../db';
import { perRefresh } from '../derived/cache';
import { ticketPeriods } from '../metrics/channels';
import { filtersSchema } from '../metrics/filters';
import { kpiPeriods, type KpiMetric } from '../metrics/kpis';

/**
 * The KPIs a goal can target: each read through the metrics layer's own function (queries/kpis.sql via kpiPeriods,
 * queries/tickets_resolution.sql via ticketPeriods), never a second definition. `better` is the direction that is an
 * improvement; `unit` tells the page how to format a value.
 */
export const GOAL_KPIS = {
	retention_rate: { better: 'increase', unit: 'rate' },
	churn_rate: { better: 'decrease', unit: 'rate' },
	active_customers: { better: 'increase', unit: 'count' },
	new_customers: { better: 'increase', unit: 'count' },
	revenue: { better: 'increase', unit: 'money' },
	revenue_existing: { better: 'increase', unit: 'money' },
	net_revenue_retention: { better: 'increase', unit: 'rate' },
	aov: { better: 'increase', unit: 'money' },
	repeat_purchase_rate: { better: 'increase', unit: 'rate' },
	orders: { better: 'increase', unit: 'count' },
	median_resolution_hours: { better: 'decrease', unit: 'hours' }
} as const satisfies Record<
	string,
	{ better: 'increase' | 'decrease'; unit: 'rate' | 'count' | 'money' | 'hours' }
>;
export type GoalKpi = keyof typeof GOAL_KPIS;
export const GOAL_KPI_KEYS = Object.keys(GOAL_KPIS) as [GoalKpi, ...GoalKpi[]];

/** Grains a goal is paced at (a day is too noisy to pace, a year too coarse to act on). */
export const GOAL_GRAINS = ['week', 'month', 'quarter'] as const;
export type GoalGrain = (typeof GOAL_GRAINS)[number];

/** A goal's scope: the dashboard's customer filters (dates and lifecycle are not a scope: they move). */
export const scopeSchema = filtersSchema
	.pick({ region: true, country: true, channel: true, acquisition_channel: true, segment: true })
	.strict();
export type GoalScope = z.infer<typeof scopeSchema>;

/** One period of a KPI: `usable` = a complete period the data covers in full (a partial one is never paced on). */
export interface KpiPoint {
	period: string;
	period_end: string;
	usable: boolean;
	value: number | null;
}

/** The KPI per period in the scope, from the first period of data to the as-of date. */
export async function kpiSeries(
	db: Database,
	kpi: GoalKpi,
	grain: GoalGrain,
	scope: GoalScope,
	asOf?: string
): Promise<KpiPoint[]> {
	return kpiReader(db, asOf)(kpi, grain, scope);
}

/**
 * A reader of KPI series that reads each underlying answer once: kpiPeriods gives every period KPI of a grain and
 * scope in one read, so goals on several KPIs of the same scope share it. Each answer is kept in the answer cache
 * (derived/cache.ts) for the data version it was read from: the Overview, the Goals page and /api/goals ask for the
 * same series between two refreshes. Goals and cycles change without a refresh: the callers read those each time.
 */
export function kpiReader(
	db: Database,
	asOf?: string
): (kpi: GoalKpi, grain: GoalGrain, scope: GoalScope) => Promise<KpiPoint[]> {
	const answers = new Map<string, Promise<unknown>>();
	const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
		if (!answers.has(key)) answers.set(key, perRefresh(`goal-kpis:${key}`, db, read));
		return answers.get(key) as Promise<T>;
	};
	return async (kpi, grain, scope) => {
		const filters = { ...scope, ...(asOf ? { as_of: asOf } : {}) };
		const key = JSON.stringify([grain, filters]);
		if (kpi === 'median_resolution_hours') {
			const rows = await once(`tickets:${key}`, () => ticketPeriods(db, { ...filters, period: grain }));
			return rows
				.filter((r) => r.channel === 'all')
				.map((r) => ({
					period: r.period,
					period_end: periodEnd(r.period, grain),
					usable: r.complete,
					value: r.median_hours
				}));
		}
		const metric: KpiMetric = kpi;
		return (await once(`kpis:${key}`, () => kpiPeriods(db, grain, filters))).map((p) => ({
			period: p.period,
			period_end: p.period_end,
			usable: p.complete && !p.partial,
			value: p[metric]
		}));
	};
}

/** The first day of the period after the one starting on `period`. */
export function nextPeriod(period: string, grain: GoalGrain): string {
	const d = new Date(`${period}T00:00:00Z`);
	if (grain === 'week') d.setUTCDate(d.getUTCDate() + 7);
	else d.setUTCMonth(d.getUTCMonth() + (grain === 'month' ? 1 : 3));
	return d.toISOString().slice(0, 10);
}

/** The last day of the period starting on `period`. */
export function periodEnd(period: string, grain: GoalGrain): string {
	const d = new Date(`${nextPeriod(period, grain)}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 1);
	return d.toISOString().slice(0, 10);
}
