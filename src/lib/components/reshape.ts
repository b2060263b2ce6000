import type { KpiRow } from '$lib/api/endpoints';
import type { SeriesPoint } from '$lib/charts/types';

/**
 * Reshaping API rows into chart props (no metric is computed here: values are the API's, only regrouped).
 */

/** One metric's values per period, in period order. */
export function kpiSeries(rows: KpiRow[], metric: string): SeriesPoint[] {
	return rows
		.filter((r) => r.metric === metric)
		.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
		.map((r) => ({ date: r.period, value: r.value }));
}

/** The periods the data covers only in part (not over yet, or begun before the data): drawn dashed. */
export function partialPeriods(rows: KpiRow[]): string[] {
	return [...new Set(rows.filter((r) => r.partial).map((r) => r.period))];
}

/**
 * Why a card has no change against the previous period or the same period a year earlier: 'partial' when that
 * period is in the data but covered only in part (no change is computed against it), 'none' when it is not there.
 */
export function missingChangeReason(
	rows: KpiRow[],
	period: string | null,
	against: 'previous' | 'year'
): 'partial' | 'none' {
	if (period === null) return 'none';
	const periods = [...new Set(rows.map((r) => r.period))].sort();
	const base =
		against === 'previous'
			? periods[periods.indexOf(period) - 1]
			: `${Number(period.slice(0, 4)) - 1}${period.slice(4)}`;
	return rows.some((r) => r.period === base && r.partial) ? 'partial' : 'none';
}

/**
 * The period the headline cards describe: the latest whole one (an unfinished period looks like a drop, one begun
 * before the data like a jump after it); the latest period when none is whole.
 */
export function headlinePeriod(rows: KpiRow[]): string | null {
	const periods = [...new Set(rows.map((r) => r.period))].sort();
	const complete = [...new Set(rows.filter((r) => r.complete && !r.partial).map((r) => r.period))].sort();
	return complete[complete.length - 1] ?? periods[periods.length - 1] ?? null;
}

export function kpiAt(rows: KpiRow[], metric: string, period: string | null): KpiRow | undefined {
	return rows.find((r) => r.metric === metric && r.period === period);
}
