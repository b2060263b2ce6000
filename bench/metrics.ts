// `npm run bench -- metrics [--customers N] [--runs R] [--db FILE] [--only NAME,...] [--bare-runs B]`: p50/p95 of
// every metric query (warm; --only: the cases whose name starts so) at N customers (default 1,000,000, ~10
// interactions each), beside a bare DuckDB query computing the same thing from the raw interactions table in the same
// run (B runs, default min(R, 10)). The database is generated with generateDemo into a file outside git
// ($TMPDIR/crm-bench/metrics-N.duckdb) and reused when it exists; it is refreshed when it lacks the rollups, and its
// segment_customer table (refresh step 'segment-summary') is rebuilt when it is not current.
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/lib/server/db';
import { generateDemo } from '../src/lib/server/demo';
import * as metrics from '../src/lib/server/metrics';
import { refreshDerived } from '../src/lib/server/pipeline';
import { machine, median, percentile, repeat, saveResults } from './util';

type Case = { name: string; ours: (db: Database) => Promise<unknown>; bare: string };

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

// Bare baselines: the same figures straight from interactions, no precomputed table (the cost we avoid).
const BARE_MONTHLY = `
WITH p AS (
	SELECT customer_id, date_trunc('month', occurred_at)::DATE AS m,
		count(DISTINCT coalesce(order_id, interaction_id)) FILTER (WHERE type = 'purchase') AS orders,
		sum(amount) FILTER (WHERE type IN ('purchase', 'refund')) AS revenue
	FROM interactions WHERE type IN ('purchase', 'refund') GROUP BY ALL
), f AS (SELECT customer_id, min(m) FILTER (WHERE orders > 0) AS first FROM p GROUP BY ALL),
x AS (SELECT p.*, p.m = f.first AS is_new, lag(m) OVER (PARTITION BY p.customer_id ORDER BY m) AS prev FROM p JOIN f USING (customer_id))
SELECT m, count_if(orders > 0) AS active, count_if(is_new) AS new, sum(revenue) AS revenue, sum(orders) AS orders,
	count_if(orders > 0 AND prev = m - INTERVAL 1 MONTH) AS retained
FROM x GROUP BY m ORDER BY m`;

const BARE_COHORTS = `
WITH p AS (
	SELECT customer_id, date_trunc('month', occurred_at)::DATE AS m, sum(amount) AS revenue
	FROM interactions WHERE type = 'purchase' GROUP BY ALL
), f AS (SELECT customer_id, min(m) AS cohort FROM p GROUP BY ALL)
SELECT cohort, datediff('month', cohort, m) AS k, count(*) AS customers, sum(revenue) AS revenue
FROM p JOIN f USING (customer_id) GROUP BY ALL ORDER BY ALL`;

const BARE_LIFECYCLE = `
WITH p AS (SELECT DISTINCT customer_id, date_trunc('month', occurred_at)::DATE AS m FROM interactions WHERE type = 'purchase'),
x AS (SELECT m, lag(m) OVER (PARTITION BY customer_id ORDER BY m) AS prev,
	lead(m) OVER (PARTITION BY customer_id ORDER BY m) AS next FROM p)
SELECT m, count_if(prev IS NULL) AS new, count_if(prev = m - INTERVAL 1 MONTH) AS returning,
	count_if(prev < m - INTERVAL 1 MONTH) AS resurrecting,
	count_if(next IS NULL OR next > m + INTERVAL 1 MONTH) AS dormant_next
FROM x GROUP BY m ORDER BY m`;

const BARE_CHANNELS = `
SELECT date_trunc('month', occurred_at)::DATE AS m, channel, type, count(*) AS interactions,
	count(DISTINCT customer_id) AS customers, sum(amount) AS revenue
FROM interactions GROUP BY ALL ORDER BY ALL`;

const BARE_CSAT = `
SELECT channel, count(*) AS responses, avg(csat) AS mean, histogram(csat) AS distribution
FROM interactions WHERE type = 'survey' AND csat BETWEEN 1 AND 5 GROUP BY ALL`;

const BARE_TICKETS = `
SELECT date_trunc('month', occurred_at)::DATE AS m, channel, count(*) AS tickets,
	count_if(resolved_at IS NULL) AS open,
	quantile_cont(epoch(resolved_at - occurred_at) / 3600, [0.5, 0.9]) AS hours
FROM interactions WHERE type = 'support_ticket' GROUP BY ALL`;

const BARE_FUNNEL = `
WITH c AS (
	SELECT customer_id,
		bool_or(type IN ('email_click', 'web_visit', 'call', 'support_ticket')) AS engaged,
		count(DISTINCT coalesce(order_id, interaction_id)) FILTER (WHERE type = 'purchase') AS orders
	FROM interactions GROUP BY customer_id
)
SELECT count(*) AS any, count_if(engaged) AS engaged, count_if(orders >= 1) AS purchased, count_if(orders >= 2) AS repeated
FROM c`;

export const BARE_SUMMARY = `
SELECT customer_id, min(occurred_at) FILTER (WHERE type = 'purchase') AS first_purchase,
	max(occurred_at) FILTER (WHERE type = 'purchase') AS last_purchase,
	count(DISTINCT coalesce(order_id, interaction_id)) FILTER (WHERE type = 'purchase') AS orders,
	sum(amount) FILTER (WHERE type IN ('purchase', 'refund')) AS revenue, max(occurred_at) AS last_interaction
FROM interactions GROUP BY customer_id`;

const BARE_RFM = `
WITH s AS (${BARE_SUMMARY})
SELECT customer_id, ntile(5) OVER (ORDER BY last_purchase) AS r, ntile(5) OVER (ORDER BY orders) AS f,
	ntile(5) OVER (ORDER BY revenue) AS m FROM s WHERE orders > 0`;

const BARE_RFM_GRID = `
WITH s AS (${BARE_RFM}) SELECT r, f, count(*) AS customers FROM s GROUP BY ALL`;

export async function openBenchDb(
	customers: number,
	path: string,
	log: (m: string) => void
): Promise<Database> {
	const fresh = !existsSync(path);
	const db = await Database.open({ path, poolSize: 2 });
	if (fresh) {
		log(`generating ${customers.toLocaleString('en')} customers into ${path} (once; reused next time)`);
		const summary = await generateDemo(db, { customers, interactions: customers * 10 }, { log });
		log(
			`generated ${summary.interactions.toLocaleString('en')} interactions in ${Math.round(summary.durationMs / 1000)} s`
		);
	}
	// Every registry entry that is not current is rebuilt (nothing when the database was refreshed by this version).
	for (const t of await refreshDerived(db)) {
		if (!t.skipped) log(`refresh ${t.name}: ${(t.ms / 1000).toFixed(1)} s`);
	}
	return db;
}

/** metrics-core's functions: the customer summary, one page of RFM scores (the dashboard's read), the grid, segments. */
function coreCases(): Case[] {
	return [
		{ name: 'summary', ours: (db) => metrics.customerSummaryTotals(db, {}), bare: BARE_SUMMARY },
		{ name: 'rfm (page of 100)', ours: (db) => metrics.rfmCustomers(db, {}, { limit: 100 }), bare: BARE_RFM },
		{ name: 'rfm grid', ours: (db) => metrics.rfmGrid(db, {}), bare: BARE_RFM_GRID },
		{ name: 'segments', ours: (db) => metrics.segmentSummary(db, {}), bare: BARE_RFM_GRID }
	];
}

export async function main(args: string[]): Promise<void> {
	const customers = Number(option(args, 'customers') ?? 1_000_000);
	const runs = Number(option(args, 'runs') ?? 30);
	// The bare baselines take seconds each at 1M customers: fewer runs of them keep the whole run short.
	const bareRuns = Number(option(args, 'bare-runs') ?? Math.max(3, Math.min(runs, 10)));
	if (!Number.isInteger(customers) || customers < 1)
		throw new Error('--customers must be a whole number >= 1');
	const dir = join(tmpdir(), 'crm-bench');
	mkdirSync(dir, { recursive: true });
	const path = option(args, 'db') ?? join(dir, `metrics-${customers}.duckdb`);
	const log = (m: string) => console.log(m);
	const db = await openBenchDb(customers, path, log);
	try {
		const counts = await db.sql<{ c: number; i: number; d: number; p: number }>(
			`SELECT (SELECT count(*) FROM customers) c, (SELECT count(*) FROM interactions) i,
				(SELECT count(*) FROM customer_day) d, (SELECT count(*) FROM customer_period) p`
		);
		log(`${machine()}; ${JSON.stringify(counts[0])}; ${runs} warm runs each`);
		const month = { period: 'month' as const };
		const cases: Case[] = [
			...coreCases(),
			{ name: 'kpis', ours: (d) => metrics.kpis(d, month), bare: BARE_MONTHLY },
			{ name: 'cohorts', ours: (d) => metrics.cohortRetention(d, month), bare: BARE_COHORTS },
			{ name: 'lifecycle', ours: (d) => metrics.lifecyclePeriods(d, month), bare: BARE_LIFECYCLE },
			{ name: 'channels', ours: (d) => metrics.channelPeriods(d, month), bare: BARE_CHANNELS },
			{ name: 'csat', ours: (d) => metrics.csatByChannel(d, {}), bare: BARE_CSAT },
			{ name: 'tickets', ours: (d) => metrics.ticketPeriods(d, month), bare: BARE_TICKETS },
			{ name: 'funnel', ours: (d) => metrics.journeyFunnel(d, {}), bare: BARE_FUNNEL },
			{
				name: 'kpis (day, region filter)',
				ours: (d) => metrics.kpis(d, { period: 'day', region: 'Hà Nội' }),
				bare: BARE_MONTHLY.replaceAll("'month'", "'day'").replaceAll('INTERVAL 1 MONTH', 'INTERVAL 1 DAY')
			},
			{
				name: 'cohorts (month, by region)',
				ours: (d) => metrics.cohortRetention(d, { period: 'month', breakdown: 'region' }),
				bare: BARE_COHORTS
			},
			{
				name: 'lifecycle (week, channel)',
				ours: (d) => metrics.lifecyclePeriods(d, { period: 'week', channel: 'web' }),
				bare: BARE_LIFECYCLE.replaceAll("'month'", "'week'").replaceAll('INTERVAL 1 MONTH', 'INTERVAL 7 DAY')
			},
			{
				name: 'channels (week, segment)',
				ours: (d) => metrics.channelPeriods(d, { period: 'week', segment: 'champions' }),
				bare: BARE_CHANNELS.replaceAll("'month'", "'week'")
			},
			// Two customer filters at once have no rollup rows: the rollup is built on the fly from customer_period.
			{
				name: 'kpis (month, 2 filters)*',
				ours: (d) => metrics.kpis(d, { period: 'month', region: 'Hà Nội', segment: 'champions' }),
				bare: BARE_MONTHLY
			}
		];
		const only = option(args, 'only')?.split(',');
		const selected = only ? cases.filter((c) => only.some((o) => c.name.startsWith(o))) : cases;
		const results: Record<string, unknown>[] = [];
		log('metric                       ours p50   ours p95   bare p50   bare p95   p50 ratio (bare/ours)');
		for (const c of selected) {
			await c.ours(db); // warm
			const ours = await repeat(runs, () => c.ours(db));
			await db.sql(c.bare);
			const bare = await repeat(bareRuns, () => db.sql(c.bare));
			const r = {
				metric: c.name,
				ours_p50_ms: median(ours),
				ours_p95_ms: percentile(ours, 95),
				bare_p50_ms: median(bare),
				bare_p95_ms: percentile(bare, 95),
				speedup: median(bare) / median(ours)
			};
			results.push(r);
			log(
				`${c.name.padEnd(28)} ${r.ours_p50_ms.toFixed(1).padStart(8)} ${r.ours_p95_ms.toFixed(1).padStart(10)} ` +
					`${r.bare_p50_ms.toFixed(1).padStart(10)} ${r.bare_p95_ms.toFixed(1).padStart(10)} ${r.speedup.toFixed(1).padStart(10)}x`
			);
		}
		// A partial run (--only) does not replace the saved figures of a full one.
		if (!only) saveResults('metrics', { customers, runs, db: path, counts: counts[0], results });
	} finally {
		db.close();
	}
}
