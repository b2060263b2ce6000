import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { intake } from '../derived/intake';
import { buildState, entryState, freshnessNow, markBuilt, type BuildOptions } from '../derived/registry';
import { GRAINS, type Filters, type Grain } from './filters';
import { buildCohortGrid, buildRollup, ROLLUPS, type RollupTable } from './rollups';

/**
 * The precomputed tables behind the period metrics (KPIs, cohorts, lifecycle, channels, CSAT, tickets, funnel), each
 * built by one statement in queries/ at the default as-of date. The registry entry 'periods' (after 'metrics',
 * which builds customer_day and customer_summary) rebuilds them all.
 */
const TABLES = [
	{ table: 'customer_period', query: 'kpis_customer_period' },
	{ table: 'customer_channel', query: 'kpis_customer_channel' },
	{ table: 'service_event', query: 'tickets_service_events' },
	{ table: 'customer_journey', query: 'funnel_customer_journey' }
] as const;

export interface PeriodContext {
	/** Exclusive as-of date, 'YYYY-MM-DD'. */
	asOf: string;
	inactivityDays: number;
	/** Whether the stored rollups (rollups.ts) answer for this as-of date and window (registry entry 'periods'). */
	rollups?: boolean;
	/** Whether the stored cohort grid (rollups.ts buildCohortGrid) was built with those rollups. */
	grid?: boolean;
}

/**
 * The default as-of date (that of the materialised customer summary while it is current, else the day after the
 * last day in customer_day) and the churn window.
 */
export async function defaultPeriodContext(
	db: Database | Session,
	{ fresh = false }: { fresh?: boolean } = {}
): Promise<PeriodContext> {
	// a builder reads the state now (fresh): a shared state query may predate the metrics step it follows
	const metrics =
		'withSession' in db
			? fresh
				? (await freshnessNow(db)).entries.metrics
				: await entryState(db, 'metrics')
			: undefined;
	const stored = metrics?.usable ? (metrics.params.as_of as string | undefined) : undefined;
	const rows = await db.sql<{ as_of: string | null; w: string | null }>(
		`SELECT coalesce($stored::VARCHAR,
			(SELECT strftime(max(day) + 1, '%Y-%m-%d') FROM customer_day),
			strftime(current_date, '%Y-%m-%d')) AS as_of,
		(SELECT max(value) FROM settings WHERE key = 'inactivity_days') AS w`,
		{ stored: stored ?? null }
	);
	const asOf = String(rows[0]?.as_of ?? '').slice(0, 10);
	const inactivityDays = Number(rows[0]?.w ?? 90);
	if (!Number.isInteger(inactivityDays) || inactivityDays < 1) {
		throw new Error(
			`setting 'inactivity_days' must be a whole number of days >= 1, got '${rows[0]?.w}'. ` +
				"Fix it with: UPDATE settings SET value = '90' WHERE key = 'inactivity_days'"
		);
	}
	return { asOf, inactivityDays };
}

/** The customers an incremental build rebuilds (queries/periods_changed_customers.sql), on the build's connection. */
const CHANGED = 'period_customers';

/** A period statement's text with its {{customers}} filter: every customer, or those in period_customers. */
function tableText(query: string, some: boolean): string {
	return loadQuery(query).replaceAll(
		'{{customers}}',
		some ? `customer_id IN (SELECT customer_id FROM temp.${CHANGED})` : 'TRUE'
	);
}

/** What the last build of 'periods' recorded (markBuilt params). */
interface PeriodsBuilt {
	as_of?: string;
	inactivity_days?: number;
	definition?: string;
	through?: unknown;
}

/**
 * Registry entry 'periods': brings every period table, the rollups and the cohort grid to the default as-of date, in
 * one transaction with its derived_state record. After an ingest that only added rows (the last build had this
 * definition and these settings, and an as-of date not after the new one), customer_period, customer_channel and
 * customer_journey are rebuilt for the customers whose rows can differ (queries/periods_changed_customers.sql) and
 * kept for the others; service_event, the rollups and the grid are rebuilt. tests/derived/incremental.test.ts checks
 * that this gives the tables of a full build.
 */
export async function refreshPeriodTables(
	db: Database,
	options: BuildOptions = { full: false }
): Promise<PeriodContext> {
	const ctx = await defaultPeriodContext(db, { fresh: true });
	const params = { as_of: ctx.asOf, inactivity_days: ctx.inactivityDays, grain: null };
	await db.transaction(async (s) => {
		const t0 = performance.now();
		const state = await buildState(s, 'periods');
		const last = state.params as PeriodsBuilt;
		const same =
			!options.full &&
			last.definition === state.definitionVersion &&
			last.inactivity_days === ctx.inactivityDays &&
			typeof last.as_of === 'string' &&
			last.as_of <= ctx.asOf;
		const { through, since } = await intake(s, same ? last.through : undefined);
		let rebuilt: number | null = null;
		if (since !== null) {
			await s.exec(`CREATE OR REPLACE TEMP TABLE ${CHANGED} AS ${loadQuery('periods_changed_customers')}`, {
				since,
				old_as_of: last.as_of,
				as_of: ctx.asOf,
				inactivity_days: ctx.inactivityDays
			});
			const [n] = await s.sql<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM temp.${CHANGED}`);
			rebuilt = Number(n?.n ?? 0);
		}
		for (const { table, query } of TABLES) {
			const some = since !== null && table !== 'service_event';
			const sql = tableText(query, some);
			if (some) {
				await s.exec(`DELETE FROM ${table} WHERE customer_id IN (SELECT customer_id FROM temp.${CHANGED})`);
				await s.exec(`INSERT INTO ${table} BY NAME ${sql}`, params);
				continue;
			}
			if (!/\$grain\b/.test(sql)) {
				await s.exec(`CREATE OR REPLACE TABLE ${table} AS ${sql}`, params);
				continue;
			}
			// One grain at a time: the same rows, a fifth of the peak memory of one statement over all grains.
			for (const [i, grain] of GRAINS.entries()) {
				const head = i === 0 ? `CREATE OR REPLACE TABLE ${table} AS` : `INSERT INTO ${table}`;
				await s.exec(`${head} ${sql}`, { ...params, grain });
			}
		}
		if (since !== null) await s.exec(`DROP TABLE IF EXISTS temp.${CHANGED}`);
		for (const table of Object.keys(ROLLUPS) as RollupTable[]) await buildRollup(s, table, ctx.asOf);
		await buildCohortGrid(s, ctx.asOf);
		const built = {
			as_of: ctx.asOf,
			inactivity_days: ctx.inactivityDays,
			definition: state.definitionVersion,
			through,
			incremental: since !== null,
			// how many customers' period rows the part-way update rebuilt (null: all, a full build)
			rebuilt_customers: rebuilt
		};
		await markBuilt(s, 'periods', state.version, built, performance.now() - t0);
	});
	return { ...ctx, rollups: true, grid: true };
}

/**
 * Runs fn with the period tables valid for `asOf` (default: the stored default as-of date). When the request asks for
 * another as-of date, or the window setting changed since the last refresh, the same build statements fill temporary
 * tables of the same names on this connection (they shadow the stored ones), so every metric query reads one shape
 * and nothing after the as-of date is used. Slower (seconds at 10M interactions), but exact.
 */
export async function withPeriodTables<T>(
	db: Database,
	asOf: string | null | undefined,
	grain: Grain | null,
	fn: (s: Session, ctx: PeriodContext) => Promise<T>
): Promise<T> {
	// together: both read the registry's state, and callers asking while its query runs share it (one query, not two)
	const [current, periods] = await Promise.all([defaultPeriodContext(db), entryState(db, 'periods')]);
	return db.withSession(async (s) => {
		const ctx = { asOf: asOf ?? current.asOf, inactivityDays: current.inactivityDays };
		if (
			periods.usable &&
			periods.params.as_of === ctx.asOf &&
			periods.params.inactivity_days === ctx.inactivityDays
		) {
			return fn(s, { ...ctx, rollups: true, grid: true });
		}
		const params = { as_of: ctx.asOf, inactivity_days: ctx.inactivityDays, grain };
		const made: string[] = [];
		try {
			for (const { table, query } of TABLES) {
				await s.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS ${tableText(query, false)}`, params);
				made.push(table);
			}
			return await fn(s, ctx);
		} finally {
			for (const table of made) await s.exec(`DROP TABLE IF EXISTS temp.${table}`).catch(() => undefined);
		}
	});
}

/**
 * The text of a period query with its {{channel_filter}} set: TRUE without a channel filter, else a semi-join on
 * customer_channel bound to $channel. Both are fixed SQL from this file; the user's value stays a parameter. (A
 * "$channel IS NULL OR customer_id IN (...)" in the SQL would cost a join on every request.)
 */
export function periodQueryText(name: string, filters: Filters): string {
	const filter = filters.channel
		? 'customer_id IN (SELECT customer_id FROM customer_channel WHERE channel = $channel::VARCHAR)'
		: 'TRUE';
	return loadQuery(name).replaceAll('{{channel_filter}}', filter);
}
