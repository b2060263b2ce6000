import type { Formatters } from '$lib/i18n';

/** How a goal's KPI value reads: GOAL_KPIS' unit (server) decides; rates as percentages, money in the currency. */
export type GoalUnit = 'rate' | 'count' | 'money' | 'hours';

export function goalValue(f: Formatters, unit: GoalUnit, v: number | null | undefined): string {
	if (v === null || v === undefined) return '–';
	if (unit === 'rate') return f.percent(v);
	if (unit === 'money') return f.currency(v);
	if (unit === 'count') return f.integer(v);
	return f.number(v, 1);
}

/** The axis format of a unit (short). */
export function goalAxis(f: Formatters, unit: GoalUnit): (n: number) => string {
	if (unit === 'rate') return (n) => f.percent(n, 0);
	if (unit === 'money') return (n) => f.compactCurrency(n);
	return (n) => f.compact(n);
}
