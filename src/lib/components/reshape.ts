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

/** The period the headline cards describe: the latest complete one (an unfinished period looks like a drop). */
export function headlinePeriod(rows: KpiRow[]): string | null {
	const periods = [...new Set(rows.map((r) => r.period))].sort();
	const complete = [...new Set(rows.filter((r) => r.complete).map((r) => r.period))].sort();
	return complete[complete.length - 1] ?? periods[periods.length - 1] ?? null;
}

export function kpiAt(rows: KpiRow[], metric: string, period: string | null): KpiRow | undefined {
	return rows.find((r) => r.metric === metric && r.period === period);
}
