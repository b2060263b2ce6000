import type { Database } from '../db';
import { kpiSeries, type GoalGrain, type GoalKpi, type GoalScope } from './kpis';

/** What the goal form shows for a KPI in a scope (SMART: achievable against history): its baseline and range. */
export interface KpiHistory {
	kpi: GoalKpi;
	grain: GoalGrain;
	/** the latest complete period's value */
	baseline: number | null;
	baseline_period: string | null;
	min: number | null;
	max: number | null;
	/** the complete periods the range is taken over (the last 24 at most) */
	periods: number;
}

export async function kpiHistory(
	db: Database,
	kpi: GoalKpi,
	grain: GoalGrain,
	scope: GoalScope
): Promise<KpiHistory> {
	const usable = (await kpiSeries(db, kpi, grain, scope))
		.filter((p) => p.usable && p.value !== null)
		.slice(-24);
	const values = usable.map((p) => p.value as number);
	const last = usable.at(-1);
	return {
		kpi,
		grain,
		baseline: last?.value ?? null,
		baseline_period: last?.period ?? null,
		min: values.length ? Math.min(...values) : null,
		max: values.length ? Math.max(...values) : null,
		periods: values.length
	};
}
