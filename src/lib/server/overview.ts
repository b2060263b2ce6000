import type { Database } from './db';
import type { Filters } from './metrics/filters';
import { filterParams } from './metrics/filters';
import { buildVersion, entryState, markBuilt } from './derived/registry';
import { latestAsOf, metricsState, queryOnSummary } from './metrics/summary';

export interface DatabaseCounts {
	customers: number;
	customers_with_interactions: number;
	interactions: number;
	/** distinct orders (an order id's rows are one order) */
	orders: number;
	/** purchase rows (an invoice line each in line-level exports) */
	purchase_lines: number;
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

/** The mix the refresh stores (table segment_mix): what the overview shows by default. */
export const STORED_MIX: { grain: MixGrain; points: number } = { grain: 'quarter', points: 8 };

type MixCount = { kind: MixRow['kind']; key: string; customers: number };

/**
 * The customer mix by RFM segment and by lifecycle stage over time: the customers with a purchase at each of
 * `points` as-of dates (period starts, and the latest as-of date), each scored as customer_summary_compute.sql
 * scores them at that date. The default view (STORED_MIX) reads table segment_mix, which the refresh step 'mix'
 * fills for the current data (refreshSegmentMix); any other view, or a database whose mix is not current, scores
 * the customers here (queries/segment_mix_trend.sql over the materialised summary for the latest date, on the fly
 * for the earlier ones: seconds each at 1M customers). Filters on customers (region, country, acquisition channel,
 * segment, lifecycle) apply; a date range or a channel does not (each point is the whole history before its date).
 */
export async function segmentMixTrend(
	db: Database,
	filters: Pick<Filters, 'region' | 'country' | 'acquisition_channel' | 'segment' | 'lifecycle'>,
	grain: MixGrain = STORED_MIX.grain,
	points = STORED_MIX.points
): Promise<MixRow[]> {
	const state = await metricsState(db);
	const latest = state.current && state.as_of ? state.as_of : await latestAsOf(db);
	const dates = mixDates(latest, grain, points);
	const stored =
		grain === STORED_MIX.grain && points === STORED_MIX.points
			? await storedMix(db, filters, grain, dates)
			: undefined;
	const out: MixRow[] = [];
	for (const asOf of dates) {
		const rows =
			stored?.filter((r) => r.as_of === asOf) ??
			(await queryOnSummary<MixCount>(db, 'segment_mix_trend', { ...filters, as_of: asOf })).rows;
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

/** The stored mix when the registry says it is current and it was built for exactly these dates, else undefined. */
async function storedMix(
	db: Database,
	filters: Pick<Filters, 'region' | 'country' | 'acquisition_channel' | 'segment' | 'lifecycle'>,
	grain: MixGrain,
	dates: string[]
): Promise<(MixCount & { as_of: string })[] | undefined> {
	const mix = await entryState(db, 'mix');
	if (!mix.usable || mix.params.grain !== grain || (mix.params.dates as string[]).join() !== dates.join()) {
		return undefined;
	}
	return db.query<MixCount & { as_of: string }>('segment_mix_read', { ...filterParams(filters), grain });
}

/**
 * Registry entry 'mix': scores every customer at each date of the stored mix (STORED_MIX) and keeps the cells in
 * table segment_mix, recorded with the version of its inputs (derived_state).
 */
export async function refreshSegmentMix(db: Database): Promise<{ dates: number }> {
	const t0 = performance.now();
	const version = await buildVersion(db, 'mix');
	const state = await metricsState(db);
	const latest = state.current && state.as_of ? state.as_of : await latestAsOf(db);
	const { grain, points } = STORED_MIX;
	const dates = mixDates(latest, grain, points);
	const cells: { as_of: string; rows: unknown[] }[] = [];
	for (const asOf of dates) {
		const { rows } = await queryOnSummary(db, 'segment_mix_cells', { as_of: asOf });
		cells.push({ as_of: asOf, rows });
	}
	await db.transaction(async (s) => {
		await s.exec('DELETE FROM segment_mix');
		for (const { as_of, rows } of cells) {
			await s.exec(
				`INSERT INTO segment_mix
					(grain, as_of, region, country, acquisition_channel, rfm_segment, lifecycle_stage, customers)
				 SELECT $grain, $as_of::DATE, c.region, c.country, c.acquisition_channel, c.rfm_segment, c.lifecycle_stage,
					c.customers
				 FROM (SELECT unnest(from_json($cells::JSON, '[{"region": "VARCHAR", "country": "VARCHAR",
					"acquisition_channel": "VARCHAR",
					"rfm_segment": "VARCHAR", "lifecycle_stage": "VARCHAR", "customers": "BIGINT"}]')) AS c)`,
				{ grain, as_of, cells: JSON.stringify(rows) }
			);
		}
		await markBuilt(s, 'mix', version, { grain, dates }, performance.now() - t0);
	});
	return { dates: cells.length };
}
