import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { GRAINS, type Filters, type Grain } from './filters';
import { buildCohortGrid, buildRollup, ROLLUPS, type RollupTable } from './rollups';

/**
 * The precomputed tables behind the period metrics (KPIs, cohorts, lifecycle, channels, CSAT, tickets, funnel), each
 * built by one statement in queries/ at the default as-of date. The 'periods' refresh step (after 'metrics', which
 * builds customer_day and customer_summary) rebuilds them all.
 */
const TABLES = [
	{ table: 'customer_period', query: 'kpis_customer_period' },
	{ table: 'customer_channel', query: 'kpis_customer_channel' },
	{ table: 'channel_period', query: 'channel_period_build' },
	{ table: 'service_event', query: 'tickets_service_events' },
	{ table: 'customer_journey', query: 'funnel_customer_journey' }
] as const;

export interface PeriodContext {
	/** Exclusive as-of date, 'YYYY-MM-DD'. */
	asOf: string;
	inactivityDays: number;
	/** Whether the stored rollups (rollups.ts) answer for this as-of date and window. */
	rollups?: boolean;
	/** Whether the stored cohort grid (rollups.ts buildCohortGrid) was built with those rollups. */
	grid?: boolean;
}

/** The default as-of date (metrics_state 'as_of', else the day after the last day in customer_day) and window. */
export async function defaultPeriodContext(db: Database | Session): Promise<PeriodContext> {
	const rows = await db.sql<{ as_of: string | null; w: string | null }>(
		`SELECT coalesce(
			(SELECT max(value) FROM metrics_state WHERE key = 'as_of'),
			(SELECT strftime(max(day) + 1, '%Y-%m-%d') FROM customer_day),
			strftime(current_date, '%Y-%m-%d')) AS as_of,
		(SELECT max(value) FROM settings WHERE key = 'inactivity_days') AS w`
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

/** What the period tables were last built for, or undefined if they were never built. */
async function builtFor(s: Session): Promise<PeriodContext | undefined> {
	const rows = await s.sql<{ as_of: string; w: number; rollups: string | null; grid: string | null }>(
		`SELECT max(value) FILTER (WHERE key = 'as_of') AS as_of,
			max(value) FILTER (WHERE key = 'inactivity_days')::INTEGER AS w,
			max(value) FILTER (WHERE key = 'rollups') AS rollups,
			max(value) FILTER (WHERE key = 'cohort_grid') AS grid
		FROM period_state`
	);
	const r = rows[0];
	return r?.as_of
		? { asOf: r.as_of, inactivityDays: r.w, rollups: r.rollups === '1', grid: r.grid === '1' }
		: undefined;
}

/**
 * Builds the stored cohort grid for the period tables as they are (a database whose periods were refreshed before the
 * grid existed), in one transaction with its period_state key. Nothing when the period tables were never built.
 */
export async function refreshCohortGrid(db: Database): Promise<boolean> {
	return db.transaction(async (s) => {
		const built = await builtFor(s);
		if (!built?.rollups) return false;
		await buildCohortGrid(s, built.asOf);
		await s.exec("INSERT OR REPLACE INTO period_state VALUES ('cohort_grid', '1')");
		return true;
	});
}

/** Rebuilds every period table at the default as-of date. */
export async function refreshPeriodTables(db: Database): Promise<PeriodContext> {
	const ctx = await defaultPeriodContext(db);
	const params = { as_of: ctx.asOf, inactivity_days: ctx.inactivityDays, grain: null };
	await db.transaction(async (s) => {
		for (const { table, query } of TABLES) {
			const sql = loadQuery(query);
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
		for (const table of Object.keys(ROLLUPS) as RollupTable[]) await buildRollup(s, table);
		await buildCohortGrid(s, ctx.asOf);
		await s.exec('CREATE TABLE IF NOT EXISTS period_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)');
		await s.exec('DELETE FROM period_state');
		await s.exec(
			"INSERT INTO period_state VALUES ('as_of', $as_of), ('inactivity_days', $w), ('rollups', '1'), ('cohort_grid', '1')",
			{
				as_of: ctx.asOf,
				w: String(ctx.inactivityDays)
			}
		);
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
	return db.withSession(async (s) => {
		const current = await defaultPeriodContext(s);
		const ctx = { asOf: asOf ?? current.asOf, inactivityDays: current.inactivityDays };
		const built = await builtFor(s).catch(() => undefined);
		if (built && built.asOf === ctx.asOf && built.inactivityDays === ctx.inactivityDays) {
			return fn(s, { ...ctx, rollups: built.rollups, grid: built.grid });
		}
		const params = { as_of: ctx.asOf, inactivity_days: ctx.inactivityDays, grain };
		const made: string[] = [];
		try {
			for (const { table, query } of TABLES) {
				await s.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS ${loadQuery(query)}`, params);
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
