import { createHash } from 'node:crypto';
import type { Database, Session } from '../db';
import { DISPLAY_SETTINGS, loadQuery } from '../db';
import { refreshMetrics } from '../metrics/refresh';
import { refreshPeriodTables } from '../metrics/periods-refresh';
import { refreshSegmentCustomers } from '../metrics/segments';
import { refreshModels } from '../models/service';
import { refreshSegmentMix } from '../overview';
import { refreshCustomerFeatures } from '../lists/features';
import { refreshListMembership } from '../lists/membership';
import { refreshAffinity } from '../affinity/build';

/**
 * The one registry of derived tables. Every table the refresh writes belongs to one entry; an entry says which
 * statements in queries/ define it, what it reads (source tables or other entries), and how a request its stored
 * tables do not cover is answered. Its input version is a hash of its definition (the text of its queries and
 * `revision`) and of the versions of what it reads, so a new ingest, a changed setting or a changed SQL file makes
 * it stale, and nothing else does. One table, derived_state (migration 013), records per entry the input version
 * it was built from; the refresh (pipeline.ts) walks the entries in this order and rebuilds the stale ones.
 */
export interface DerivedEntry {
	/** The refresh step's name (`crm refresh --only NAME`). */
	name: string;
	/** The tables it writes. */
	tables: readonly string[];
	/** The queries/ files that define them (their text is part of the input version). */
	queries: readonly string[];
	/** Source tables (SOURCES) or earlier entries it reads. */
	reads: readonly string[];
	/** How a request the stored tables do not cover (stale, another as-of date, several filters) is answered. */
	inline: string;
	/** Bump when the building code (not its SQL) changes what it writes. */
	revision: number;
	/**
	 * Rebuilds the tables and records them with markBuilt, in the transaction that writes them. An entry that can
	 * bring its tables up to date in part (after an ingest that only added rows) does so unless `full` is set.
	 */
	build: (db: Database, options: BuildOptions) => Promise<unknown>;
}

export interface BuildOptions {
	/** Rebuild everything from the inputs (crm refresh --force or --only), no part-way update. */
	full: boolean;
}

/** The source tables an entry can read, each with the SQL of its version (cheap: counts and small tables). */
export const SOURCES = {
	// Every write of interactions or customers is an ingest (or crm demo, which records one): a new ingest id.
	interactions:
		"(SELECT count(*) FROM interactions) || '/' || (SELECT count(*) || ':' || coalesce(max(ingest_id), 0) FROM ingests)",
	customers:
		"(SELECT count(*) FROM customers) || '/' || (SELECT count(*) || ':' || coalesce(max(ingest_id), 0) FROM ingests)",
	// Display settings (the currency) change no derived table: left out, so choosing a currency rebuilds nothing.
	settings: `(SELECT md5(coalesce(string_agg(key || '=' || value, ',' ORDER BY key), '')) FROM settings
		WHERE key NOT IN (${DISPLAY_SETTINGS.map((k) => `'${k}'`).join(', ')}))`,
	rfm_segments: `(SELECT md5(coalesce(string_agg(concat_ws(',', key, name_en, name_vi, priority, r_min, r_max, f_min,
		f_max, m_min, m_max), ';' ORDER BY key), '')) FROM rfm_segments)`
} as const;
type Source = keyof typeof SOURCES;
/** The sources that ingests write; an entry stale only because of them still answers for the data before them. */
const DATA_SOURCES: ReadonlySet<string> = new Set<Source>(['interactions', 'customers']);

export const DERIVED: readonly DerivedEntry[] = [
	{
		name: 'metrics',
		tables: ['customer_day_channel', 'customer_day', 'customer_summary'],
		queries: ['customer_day_refresh', 'customer_summary_compute'],
		reads: ['interactions', 'customers', 'settings', 'rfm_segments'],
		inline:
			'customer_summary_compute.sql as a CTE named customer_summary over customer_day (metrics/summary.ts)',
		revision: 1,
		build: (db, o) => refreshMetrics(db, o)
	},
	{
		name: 'periods',
		tables: [
			'customer_period',
			'customer_channel',
			'service_event',
			'customer_journey',
			'kpi_rollup',
			'cohort_rollup',
			'channel_rollup',
			'cohort_grid'
		],
		queries: [
			'periods_changed_customers',
			'kpis_customer_period',
			'kpis_customer_channel',
			'tickets_service_events',
			'funnel_customer_journey',
			'kpis_rollup_build',
			'cohort_rollup_build',
			'channel_rollup_build',
			'cohort_retention'
		],
		reads: ['metrics', 'interactions', 'settings'],
		inline:
			'the same build statements as temporary tables of the same names (withPeriodTables), the rollups as a CTE (withRollup)',
		revision: 1,
		build: (db, o) => refreshPeriodTables(db, o)
	},
	{
		name: 'models',
		tables: ['model_fits', 'predictions', 'model_selection'],
		// model_summary_net_spend also reads interactions (which refunds name which orders); any change there rebuilds
		// metrics first, which makes this entry stale. The holdout validations that choose the purchase model read
		// model_summary (at the calibration end) and the holdout queries; settings: purchase_model pins a model.
		queries: [
			'model_summary_current',
			'model_summary',
			'model_summary_net_spend',
			'predictions_write',
			'predictions_holdout_customers',
			'predictions_holdout_periods'
		],
		reads: ['metrics', 'settings'],
		inline: 'none: the predictions of the last fit are shown with the date they were made for',
		revision: 1,
		build: (db) => refreshModels(db)
	},
	{
		name: 'affinity',
		tables: ['affinity_pair', 'affinity_item', 'recommendation', 'customer_products'],
		queries: [
			'affinity_basket',
			'affinity_item_counts',
			'affinity_pair_counts',
			'affinity_pair_build',
			'affinity_item_build',
			'recommend_neighbours',
			'recommend_build',
			'customer_products_build'
		],
		reads: ['interactions', 'metrics'],
		inline: 'none: the pairs of the last build are shown until the refresh rebuilds them (affinity/build.ts)',
		revision: 1,
		build: (db) => refreshAffinity(db)
	},
	{
		name: 'segments',
		tables: ['customer_features'],
		queries: ['customer_features'],
		reads: ['metrics', 'models', 'customers', 'interactions', 'affinity'],
		inline: 'built on first use; until the next refresh, list rules see the features of the last one',
		revision: 1,
		build: (db) => refreshCustomerFeatures(db)
	},
	{
		name: 'list-membership',
		tables: ['list_membership'],
		queries: ['list_membership_join', 'list_membership_leave'],
		reads: ['segments'],
		inline: 'none: a history; a living list not refreshed since it was saved has no stays yet',
		revision: 1,
		build: (db) => refreshListMembership(db)
	},
	{
		name: 'mix',
		tables: ['segment_mix'],
		queries: ['segment_mix_cells', 'customer_summary_compute'],
		reads: ['metrics'],
		inline: 'segment_mix_trend.sql, scoring the customers at each date (overview.ts segmentMixTrend)',
		revision: 1,
		build: (db) => refreshSegmentMix(db)
	},
	{
		name: 'segment-summary',
		tables: ['segment_customer'],
		queries: ['segment_customer'],
		reads: ['metrics', 'models'],
		inline: 'segment_customer.sql as a CTE of the same name (metrics/summary.ts queryOnSummary)',
		revision: 1,
		build: (db) => refreshSegmentCustomers(db)
	},
	{
		// last: it reads the goals' KPIs, the predictions and the segments as the refresh left them
		name: 'alerts',
		tables: ['alert_history', 'alert_goal_state', 'alert_p_alive_snapshot', 'alert_segment_snapshot'],
		queries: ['alerts_p_alive_crossed', 'alerts_segment_change'],
		reads: ['periods', 'models', 'segment-summary'],
		inline: 'none: alerts are appended to alert_history by the refresh only (alerts/evaluate.ts)',
		revision: 1,
		// imported when built: the alerts read the goals, which read the metrics, which read this registry
		build: async (db) => (await import('../alerts/evaluate')).refreshAlerts(db)
	}
];

export type EntryName = (typeof DERIVED)[number]['name'];

/** The entry of that name; an unknown name is an error that lists the known ones. */
export function derivedEntry(name: string): DerivedEntry {
	const e = DERIVED.find((d) => d.name === name);
	if (!e)
		throw new Error(
			`unknown derived entry '${name}'; the entries are: ${DERIVED.map((d) => d.name).join(', ')}`
		);
	return e;
}

/** What one entry's stored tables were built for, and whether they answer for the data as it is now. */
export interface EntryState {
	/** Its tables are what its SQL gives over its inputs as they are now: readers may use them. */
	current: boolean;
	/**
	 * Readers may use its tables: current, or stale only because source rows arrived that the refresh has not
	 * taken in yet (its definition and the builds of the entries it reads are those it was built from). Until the
	 * refresh rebuilds it, readers see the data before the ingest, consistently, never a mix of before and after.
	 */
	usable: boolean;
	/** Current, and so is everything it reads, down to the source tables: nothing for the refresh to do. */
	upToDate: boolean;
	/** The input version now. */
	version: string;
	/** The version of its definition, settings and the entries it reads, without the rows ingests write. */
	readVersion: string;
	/**
	 * The version of its definition and settings and of the definitions of the entries it reads, without any rows or
	 * builds: an entry that brings its tables up to date in part needs its last build to have this one.
	 */
	definitionVersion: string;
	/** The input version it was built from (null: never built). */
	builtFor: string | null;
	builtAt: string | null;
	params: Record<string, unknown>;
}

/** Every entry's state and the data version: it changes whenever a source or a derived table changes. */
export interface Freshness {
	dataVersion: string;
	entries: Record<string, EntryState>;
}

const STATE_SQL = `SELECT ${Object.entries(SOURCES)
	.map(([k, sql]) => `${sql} AS ${k}`)
	.join(',\n\t')},
	(SELECT coalesce(max(fit_id), 0) FROM model_fits) AS fits,
	(SELECT coalesce(json_group_array(json_object('name', name, 'built_for', built_for, 'params', params,
		'built_at', strftime(built_at, '%Y-%m-%dT%H:%M:%S.%f'))), '[]') FROM derived_state) AS built`;

interface StateRow extends Record<Source, string> {
	fits: number;
	built: string;
}

const hash = (parts: readonly unknown[]): string =>
	createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 24);

const definitions = new Map<string, string>();
/** The hash of an entry's definition: its queries' text and its revision. */
function definitionHash(e: DerivedEntry): string {
	let h = definitions.get(e.name);
	if (!h) {
		h = hash([e.name, e.revision, e.tables, ...e.queries.map((q) => loadQuery(q))]);
		definitions.set(e.name, h);
	}
	return h;
}

interface BuiltRow {
	name: string;
	built_for: string;
	params: Record<string, unknown> | string;
	built_at: string;
}

async function readFreshness(db: Database | Session): Promise<Freshness> {
	const [row] = await db.sql<StateRow>(STATE_SQL);
	const sources = row as Record<Source, string>;
	const built = new Map((JSON.parse(row!.built) as BuiltRow[]).map((b) => [b.name, b]));
	const entries: Record<string, EntryState> = {};
	for (const e of DERIVED) {
		// An entry read counts as the build it has now (built_for and time): a rebuilt input, even from the same
		// version (crm predict with other options), makes what reads it stale.
		const inputs = e.reads.map((r) => {
			if (r in SOURCES) return sources[r as Source];
			if (!entries[r])
				throw new Error(`derived entry '${e.name}' reads '${r}', which is not listed before it`);
			const b = built.get(r);
			return b ? `${b.built_for}@${b.built_at}` : 'never built';
		});
		const version = hash([definitionHash(e), ...inputs]);
		const definitionVersion = hash([
			definitionHash(e),
			...e.reads.map((r) =>
				r in SOURCES ? (DATA_SOURCES.has(r) ? null : sources[r as Source]) : entries[r]!.definitionVersion
			)
		]);
		const readVersion = hash([definitionHash(e), ...inputs.filter((_, i) => !DATA_SOURCES.has(e.reads[i]!))]);
		const b = built.get(e.name);
		const params = typeof b?.params === 'string' ? JSON.parse(b.params) : (b?.params ?? {});
		entries[e.name] = {
			// Its tables are what its SQL gives over its inputs as they are now (inputs that are themselves stale
			// included: the refresh rebuilds those first, which makes this entry stale in turn).
			current: b?.built_for === version,
			usable: b?.built_for === version || (b !== undefined && params._reads === readVersion),
			upToDate: b?.built_for === version && e.reads.every((r) => r in SOURCES || entries[r]!.upToDate),
			version,
			readVersion,
			definitionVersion,
			builtFor: b?.built_for ?? null,
			builtAt: b?.built_at ?? null,
			params
		};
	}
	const dataVersion = hash([
		Object.values(sources),
		row!.fits,
		DERIVED.map((e) => [entries[e.name]!.builtFor, entries[e.name]!.builtAt])
	]);
	return { dataVersion, entries };
}

const inFlight = new Map<Database, Promise<Freshness>>();

/**
 * The state of every derived entry now. Callers that ask while the state query runs share its answer (a page's
 * load asks for its endpoints together); a later caller queries again (two small reads, about 2 ms).
 */
export function freshness(db: Database): Promise<Freshness> {
	let pending = inFlight.get(db);
	if (!pending) {
		pending = readFreshness(db).finally(() => inFlight.delete(db));
		inFlight.set(db, pending);
	}
	return pending;
}

/**
 * The state of every derived entry read now, never shared with a query already under way: for decisions that follow a
 * write (the refresh walk deciding what is stale after an ingest or an earlier step committed). A shared answer may
 * come from a state query that began before that commit, and would call a stale entry current.
 */
export function freshnessNow(db: Database): Promise<Freshness> {
	return readFreshness(db);
}

/** One entry's state, for a reader (shares a state query under way, see freshness). */
export async function entryState(db: Database, name: EntryName): Promise<EntryState> {
	derivedEntry(name);
	return (await freshness(db)).entries[name]!;
}

/**
 * The input version of `name` now, for a builder: read afresh on this session (inside the building transaction,
 * as of its snapshot). Take it before reading the inputs and record it with markBuilt.
 */
export async function buildVersion(db: Database | Session, name: EntryName): Promise<string> {
	return (await buildState(db, name)).version;
}

/** Like buildVersion, with the rest of the entry's state (what its stored tables were built for). */
export async function buildState(db: Database | Session, name: EntryName): Promise<EntryState> {
	derivedEntry(name);
	const e = (await readFreshness(db)).entries[name]!;
	readVersions.set(e.version, e.readVersion);
	return e;
}

/** The read version (entry inputs only) that goes with each version handed out by buildVersion. */
const readVersions = new Map<string, string>();

/**
 * Records that `name`'s tables were built from the inputs at `version` (buildVersion), for `params`. Call it in
 * the transaction that writes them.
 */
export async function markBuilt(
	s: Session,
	name: EntryName,
	version: string,
	params: Record<string, unknown> = {},
	durationMs?: number
): Promise<void> {
	await s.exec(
		`INSERT OR REPLACE INTO derived_state (name, built_for, params, built_at, duration_ms)
		 VALUES ($name, $version, $params::JSON, current_timestamp, $ms::INTEGER)`,
		{
			name,
			version,
			params: JSON.stringify({ ...params, _reads: readVersions.get(version) ?? null }),
			ms: durationMs === undefined ? null : Math.round(durationMs)
		}
	);
}
