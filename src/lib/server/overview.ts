import type { Database } from './db';
import type { Filters } from './metrics/filters';
import { latestAsOf, metricsState, queryOnSummary } from './metrics/summary';

export interface DatabaseCounts {
	customers: number;
	customers_with_interactions: number;
	interactions: number;
	purchases: number;
	quarantined: number;
	files: number;
	first_interaction: string | null;
	last_interaction: string | null;
}

export async function databaseCounts(db: Database): Promise<DatabaseCounts> {
	const rows = await db.query<DatabaseCounts>('database_counts');
	const row = rows[0];
	if (!row) throw new Error('database_counts returned no row');
	return row;
}

export const MIX_GRAINS = ['month', 'quarter', 'year'] as const;
export type MixGrain = (typeof MIX_GRAINS)[number];

export interface MixRow {
	/** the as-of date ('YYYY-MM-DD', exclusive: the mix of the history before it) */
	as_of: string;
	kind: 'segment' | 'stage';
	/** rfm_segment or lifecycle_stage */
	key: string;
	customers: number;
	/** of the customers with a purchase at that date, 0..1 */
	share: number;
}

/** 'YYYY-MM-DD' of the start of the grain's period `back` periods before the one that holds `iso`. */
function periodStart(iso: string, grain: MixGrain, back: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	const months = grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12;
	const index = d.getUTCFullYear() * 12 + d.getUTCMonth();
	const start = index - (index % months) - back * months;
	return new Date(Date.UTC(Math.floor(start / 12), start % 12, 1)).toISOString().slice(0, 10);
}

/** The as-of dates of the mix: the materialised one and the `points - 1` period starts before it, oldest first. */
export function mixDates(asOf: string, grain: MixGrain, points: number): string[] {
	const dates = new Set<string>([asOf]);
	for (let back = 0; dates.size < points; back++) {
		const d = periodStart(asOf, grain, back);
		if (d < asOf) dates.add(d);
	}
	return [...dates].sort();
}

/**
 * The customer mix by RFM segment and by lifecycle stage over time: the customers with a purchase at each of
 * `points` as-of dates (period starts, and the latest as-of date), each scored as customer_summary_compute.sql
 * scores them at that date (queries/segment_mix_trend.sql over the materialised summary for the latest date, computed
 * on the fly for the earlier ones: seconds each at 1M customers, so callers keep the answer per refresh). Filters
 * on customers (region, acquisition channel, segment, lifecycle) apply; a date range or a channel does not (each
 * point is the whole history before its date).
 */
export async function segmentMixTrend(
	db: Database,
	filters: Pick<Filters, 'region' | 'acquisition_channel' | 'segment' | 'lifecycle'>,
	grain: MixGrain = 'quarter',
	points = 8
): Promise<MixRow[]> {
	const state = await metricsState(db);
	const latest = state.as_of ?? (await latestAsOf(db));
	const out: MixRow[] = [];
	for (const asOf of mixDates(latest, grain, points)) {
		const { rows } = await queryOnSummary<{ kind: MixRow['kind']; key: string; customers: number }>(
			db,
			'segment_mix_trend',
			{ ...filters, as_of: asOf }
		);
		for (const kind of ['segment', 'stage'] as const) {
			const ofKind = rows.filter((r) => r.kind === kind);
			const total = ofKind.reduce((a, r) => a + r.customers, 0);
			for (const r of ofKind)
				out.push({
					as_of: asOf,
					kind,
					key: r.key,
					customers: r.customers,
					share: total ? r.customers / total : 0
				});
		}
	}
	return out;
}
