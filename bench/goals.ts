// `npm run bench -- goals [--customers N] [--runs R] [--db FILE]`: p50/p95 of the status of 20 goals (goalsStatus:
// every goal's KPI series, pacing, forecast and status, as `crm goal status` and the Goals page read them) at N
// customers (default 1,000,000), beside a bare DuckDB baseline in the same run: the monthly revenue, active and new
// customers straight from the raw interactions table, once per distinct goal scope (what a goal would cost without
// the KPI rollups). The database is generated into $TMPDIR/crm-bench/goals-N.duckdb and reused.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addGoal, goalsStatus, listGoals, type GoalInput } from '../src/lib/server/goals';
import { openBenchDb } from './metrics';
import { machine, median, percentile, repeat, saveResults } from './util';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

// one bare scan per scope: the monthly measures the goals' KPIs are built from, from interactions
const BARE = `
WITH p AS (
	SELECT i.customer_id, date_trunc('month', occurred_at)::DATE AS m, sum(amount) AS revenue
	FROM interactions i JOIN customers c USING (customer_id)
	WHERE type IN ('purchase', 'refund') AND ($region::VARCHAR IS NULL OR c.region = $region)
	GROUP BY ALL
), f AS (SELECT customer_id, min(m) AS first FROM p GROUP BY ALL)
SELECT m, count(*) AS active, count_if(m = first) AS new, sum(revenue) AS revenue
FROM p JOIN f USING (customer_id) GROUP BY m ORDER BY m`;

/** 20 goals over the KPIs, grains and scopes the product offers. */
function goals(region: string | null): GoalInput[] {
	const kpis = [
		'revenue',
		'active_customers',
		'new_customers',
		'retention_rate',
		'churn_rate',
		'aov',
		'net_revenue_retention',
		'repeat_purchase_rate',
		'orders',
		'revenue_existing'
	] as const;
	return Array.from({ length: 20 }, (_, i) => ({
		kpi: kpis[i % kpis.length]!,
		scope: i >= 10 && region ? { region } : {},
		target: 1,
		direction: 'increase' as const,
		start_date: '2025-07-01',
		deadline: '2026-06-30',
		grain: i % 3 === 0 ? ('quarter' as const) : ('month' as const)
	}));
}

export async function main(args: string[]): Promise<void> {
	const customers = Number(option(args, 'customers') ?? 1_000_000);
	const runs = Number(option(args, 'runs') ?? 20);
	const dir = join(tmpdir(), 'crm-bench');
	mkdirSync(dir, { recursive: true });
	const path = option(args, 'db') ?? join(dir, `goals-${customers}.duckdb`);
	const log = (m: string) => console.log(m);
	const db = await openBenchDb(customers, path, log);
	try {
		const region =
			(await db.sql<{ r: string }>('SELECT region AS r FROM customers WHERE region IS NOT NULL LIMIT 1'))[0]
				?.r ?? null;
		if ((await listGoals(db)).length < 20) for (const g of goals(region)) await addGoal(db, g);
		const all = (await listGoals(db)).slice(0, 20);
		log(`${machine()}; ${customers.toLocaleString('en')} customers; ${all.length} goals; ${runs} warm runs`);
		await goalsStatus(db, all); // warm
		const ours = await repeat(runs, () => goalsStatus(db, all));
		const bareOnce = async () => {
			for (const r of [null, region]) await db.sql(BARE, { region: r });
		};
		await bareOnce();
		const bare = await repeat(Math.min(runs, 5), bareOnce);
		const r = {
			customers,
			goals: all.length,
			ours_p50_ms: median(ours),
			ours_p95_ms: percentile(ours, 95),
			bare_p50_ms: median(bare),
			bare_p95_ms: percentile(bare, 95)
		};
		log(
			`goal status (20 goals): ours p50 ${r.ours_p50_ms.toFixed(1)} ms, p95 ${r.ours_p95_ms.toFixed(1)} ms; ` +
				`bare DuckDB (2 scopes) p50 ${r.bare_p50_ms.toFixed(1)} ms, p95 ${r.bare_p95_ms.toFixed(1)} ms`
		);
		saveResults('goals', { ...r, runs, db: path });
	} finally {
		db.close();
	}
}
