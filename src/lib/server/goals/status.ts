import type { Database } from '../db';
import { defaultPeriodContext } from '../metrics/periods-refresh';
import { kpiReader } from './kpis';
import { paceGoal, type Pacing } from './pacing';
import { listGoals, type Goal } from './store';
import { cyclesByGoal, type Cycle } from './cycles';

export type GoalWithPacing = Goal & { as_of: string; pacing: Pacing; cycles: Cycle[] };

/**
 * Every goal with its pacing at the as-of date. The reads run together: each distinct KPI series (grain and scope)
 * once for every goal on it (kpiReader), and the cycles of all goals in one statement.
 */
export async function goalsStatus(db: Database, goals?: Goal[]): Promise<GoalWithPacing[]> {
	const all = goals ?? (await listGoals(db));
	const reader = kpiReader(db);
	const [{ asOf }, series, cycles] = await Promise.all([
		defaultPeriodContext(db),
		Promise.all(all.map((g) => reader(g.kpi, g.grain, g.scope))),
		cyclesByGoal(db, all, reader)
	]);
	return all.map((g, i) => ({
		...g,
		as_of: asOf,
		pacing: paceGoal(g, series[i]!, asOf),
		cycles: cycles.get(g.goal_id) ?? []
	}));
}

/** One goal's status as a flat row (GET /api/goals): the fields of `crm goal status --json`. */
export interface GoalStatusRow {
	id: number;
	kpi: string;
	scope: string;
	target: number;
	direction: string;
	deadline: string;
	as_of: string;
	actual: number | null;
	actual_period: string | null;
	expected: number | null;
	forecast: number | null;
	forecast_low: number | null;
	forecast_high: number | null;
	status: string;
}

export function goalStatusRow(g: GoalWithPacing): GoalStatusRow {
	const p = g.pacing;
	return {
		id: g.goal_id,
		kpi: g.kpi,
		scope: JSON.stringify(g.scope),
		target: g.target,
		direction: g.direction,
		deadline: g.deadline,
		as_of: g.as_of,
		actual: p.actual,
		actual_period: p.actual_period,
		expected: p.expected,
		forecast: p.forecast?.value ?? null,
		forecast_low: p.forecast?.low ?? null,
		forecast_high: p.forecast?.high ?? null,
		status: p.status
	};
}
