import { addDays } from '../dates';
import { trendForecast, type Forecast } from './forecast';
import { nextPeriod, periodEnd, type GoalGrain, type KpiPoint } from './kpis';

export const GOAL_STATUSES = ['achieved', 'on_track', 'at_risk', 'off_track', 'missed', 'no_data'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** What pacing needs of a goal. */
export interface PacedGoal {
	target: number;
	direction: 'increase' | 'decrease';
	start_date: string;
	deadline: string;
	grain: GoalGrain;
}

/** One period on a goal's chart: the actual value, the path's value at its end, the forecast (future periods). */
export interface PacePoint {
	period: string;
	period_end: string;
	actual: number | null;
	path: number | null;
	forecast: number | null;
	low: number | null;
	high: number | null;
}

export interface Pacing {
	/** the KPI in the last complete period that ended before the start (else the first complete period) */
	baseline: number | null;
	baseline_period: string | null;
	/** the KPI in the latest complete period up to the deadline */
	actual: number | null;
	actual_period: string | null;
	/** where the path from baseline to target stands at the as-of date */
	expected: number | null;
	/** forecast for the period holding the deadline, with its 80% interval */
	forecast: Forecast | null;
	status: GoalStatus;
	points: PacePoint[];
}

const DAY = 86_400_000;
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;

/** The path from baseline (at the start) to target (at the deadline), straight in time, flat outside. */
export function pathAt(goal: PacedGoal, baseline: number, date: string): number {
	const total = days(goal.start_date, goal.deadline);
	const f = total <= 0 ? 1 : Math.min(1, Math.max(0, days(goal.start_date, date) / total));
	return baseline + (goal.target - baseline) * f;
}

/** Whether a value meets the goal's target in its direction. */
export const meets = (goal: PacedGoal, v: number): boolean =>
	goal.direction === 'increase' ? v >= goal.target : v <= goal.target;

/**
 * The status rule (shown on the Goals page):
 * - achieved: the latest complete period up to the deadline meets the target;
 * - missed: the deadline's period is complete and the target was not met;
 * - on track: the forecast for the deadline's period meets the target;
 * - at risk: the forecast misses, but the favourable end of its 80% interval meets it;
 * - off track: even the favourable end of the interval misses;
 * - without a forecast (fewer than 3 complete periods): on track when the actual is on or ahead of the path, else at
 *   risk; no_data without any complete period.
 */
export function goalStatus(
	goal: PacedGoal,
	actual: number | null,
	expected: number | null,
	forecast: Forecast | null,
	deadlinePassed: boolean
): GoalStatus {
	if (actual === null) return 'no_data';
	if (meets(goal, actual)) return 'achieved';
	if (deadlinePassed) return 'missed';
	if (!forecast)
		return expected !== null && meets({ ...goal, target: expected }, actual) ? 'on_track' : 'at_risk';
	if (meets(goal, forecast.value)) return 'on_track';
	const favourable = goal.direction === 'increase' ? forecast.high : forecast.low;
	return meets(goal, favourable) ? 'at_risk' : 'off_track';
}

/** Pacing of a goal over its KPI series (oldest first) at the as-of date (exclusive, 'YYYY-MM-DD'). */
export function paceGoal(goal: PacedGoal, series: KpiPoint[], asOf: string): Pacing {
	const usable = series.filter((p) => p.usable && p.value !== null && p.period <= goal.deadline);
	const before = usable.filter((p) => p.period_end < goal.start_date);
	const base = before.at(-1) ?? usable[0];
	const baseline = base?.value ?? null;
	const last = usable.at(-1);
	const actual = last?.value ?? null;
	const today = addDays(asOf, -1);
	const expected = baseline === null ? null : pathAt(goal, baseline, today);
	const deadlinePeriod = series.find((p) => p.period <= goal.deadline && p.period_end >= goal.deadline);
	const deadlinePassed = deadlinePeriod !== undefined && deadlinePeriod.usable;

	// the future periods up to the one holding the deadline, each with its forecast
	const future: { period: string; f: Forecast | null }[] = [];
	if (last && !deadlinePassed) {
		const values = usable.map((p) => p.value as number);
		let p = nextPeriod(last.period, goal.grain);
		for (let h = 1; p <= goal.deadline; h++, p = nextPeriod(p, goal.grain)) {
			future.push({ period: p, f: trendForecast(values, h) });
		}
	}
	const forecast = future.at(-1)?.f ?? null;
	const status = goalStatus(goal, actual, expected, forecast, deadlinePassed);

	// the chart: up to 12 periods before the start, then to the deadline
	const shown = series.filter((p) => p.period <= goal.deadline && p.period_end >= goal.start_date).length;
	const from = Math.max(0, series.findIndex((p) => p.period_end >= goal.start_date) - 12);
	const history = series
		.slice(shown ? from : Math.max(0, series.length - 12))
		.filter((p) => p.period <= goal.deadline);
	const path = (end: string) =>
		baseline === null || end < goal.start_date ? null : pathAt(goal, baseline, end);
	const points: PacePoint[] = history.map((p) => ({
		period: p.period,
		period_end: p.period_end,
		actual: p.usable ? p.value : null,
		path: path(p.period_end),
		forecast: null,
		low: null,
		high: null
	}));
	for (const x of future) {
		const at = points.find((p) => p.period === x.period);
		const point = at ?? {
			period: x.period,
			period_end: periodEnd(x.period, goal.grain),
			actual: null,
			path: path(periodEnd(x.period, goal.grain)),
			forecast: null,
			low: null,
			high: null
		};
		point.forecast = x.f?.value ?? null;
		point.low = x.f?.low ?? null;
		point.high = x.f?.high ?? null;
		if (!at) points.push(point);
	}
	return {
		baseline,
		baseline_period: base?.period ?? null,
		actual,
		actual_period: last?.period ?? null,
		expected,
		forecast,
		status,
		points
	};
}
