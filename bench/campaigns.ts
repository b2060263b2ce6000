// `npm run bench -- campaigns [--customers N] [--members M] [--runs R] [--dir DIR]`: the results of one launched
// campaign (groups, stratified lift, cumulative conversion by day: campaignResults) with M members (default 100,000)
// in a database of N customers (default 1,000,000, 10 interactions each), beside a bare DuckDB baseline in the same
// run: the per-group and per-day figures written by hand with literal values (no named queries, no statistics).
// The data is generated with DuckDB (range() + hash-based values) into a temp folder. Target: p95 <= 300 ms at 1M.
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { campaignResults } from '../src/lib/server/campaigns';
import { Database } from '../src/lib/server/db';
import { machine, median, percentile, repeat, saveResults } from './util';

function arg(args: string[], name: string, fallback: string): string {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

async function generate(db: Database, n: number, members: number): Promise<void> {
	const statements = [
		`INSERT INTO customers (customer_id, consent_email)
		 SELECT 'KH' || lpad(i::VARCHAR, 8, '0'), hash(i, 'ce') % 5 > 0 FROM range(${n}) t(i)`,
		// 10 interactions a customer over 2024, 3 of them purchases
		`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
		 SELECT i || '-' || k, 'KH' || lpad(i::VARCHAR, 8, '0'),
			TIMESTAMP '2024-01-01 08:00:00' + INTERVAL (hash(i, k) % 365) DAY,
			CASE WHEN k <= 3 THEN 'purchase' ELSE 'web_visit' END, 'web',
			CASE WHEN k <= 3 THEN i || '-' || k END, CASE WHEN k <= 3 THEN (hash(i, k, 'a') % 2000000)::DECIMAL(18, 2) END
		 FROM range(${n}) t(i), range(1, 11) s(k)`,
		`INSERT INTO campaigns (name, list_name, rule, channel, send_date, window_days, holdout_share, seed, launched_at,
			matched, left_out_no_consent)
		 VALUES ('bench', 'bench', '{"field": "orders", "op": ">=", "value": 1}', 'email', DATE '2024-06-01', 30, 0.1, 1,
			current_timestamp, ${members}, 0)`,
		`INSERT INTO campaign_members (campaign_id, customer_id, stratum, draw, treated)
		 SELECT 1, 'KH' || lpad((i * ${Math.floor(n / members)})::VARCHAR, 8, '0'),
			(['champions', 'loyal_customers', 'potential_loyalist', 'at_risk', 'hibernating', 'lost'])[(hash(i, 's') % 6)::INTEGER + 1],
			md5(i::VARCHAR), hash(i, 'g') % 10 > 0
		 FROM range(${members}) t(i)`
	];
	await db.withSession(async (s) => {
		for (const sql of statements) await s.exec(sql);
	});
}

const BARE_GROUPS = `
WITH r AS (
	SELECT customer_id, count(DISTINCT order_id) FILTER (WHERE type = 'purchase') AS orders, sum(amount) AS revenue,
		min(occurred_at) FILTER (WHERE type = 'purchase') AS first_at
	FROM interactions WHERE occurred_at >= TIMESTAMP '2024-06-01' AND occurred_at < TIMESTAMP '2024-07-01'
	  AND type IN ('purchase', 'refund') AND customer_id IN (SELECT customer_id FROM campaign_members WHERE campaign_id = 1)
	GROUP BY ALL
)
SELECT m.stratum, m.treated, count(*), count(r.customer_id) FILTER (WHERE r.orders > 0), sum(r.orders),
	sum(r.revenue), sum(r.revenue * r.revenue), histogram(date_diff('day', TIMESTAMP '2024-06-01', r.first_at))
FROM campaign_members m LEFT JOIN r USING (customer_id) WHERE m.campaign_id = 1 GROUP BY ALL`;

export async function main(args: string[]): Promise<void> {
	const n = Number(arg(args, '--customers', '1000000'));
	const members = Number(arg(args, '--members', '100000'));
	const runs = Number(arg(args, '--runs', '20'));
	const dir = arg(args, '--dir', join(tmpdir(), `crm-bench-campaigns-${process.pid}`));
	mkdirSync(dir, { recursive: true });
	const db = await Database.open({ path: join(dir, 'bench.duckdb') });
	try {
		const t0 = performance.now();
		await generate(db, n, members);
		console.error(
			`generated ${n} customers, ${n * 10} interactions, ${members} members in ${Math.round(performance.now() - t0)} ms`
		);
		const check = await campaignResults(db, 1);
		console.error(
			`check: ${check.groups.map((g) => `${g.group} ${g.customers}`).join(', ')}; verdict ${check.lift.verdict}`
		);
		await repeat(2, () => campaignResults(db, 1)); // warm
		const ours = await repeat(runs, () => campaignResults(db, 1));
		const bare = await repeat(runs, () => db.sql(BARE_GROUPS));
		const ms = (x: number) => Math.round(x * 10) / 10;
		const result = {
			machine: machine(),
			load: loadavg().map((x) => Math.round(x * 10) / 10),
			customers: n,
			interactions: n * 10,
			members,
			runs,
			results: { median: ms(median(ours)), p95: ms(percentile(ours, 95)) },
			bare: { median: ms(median(bare)), p95: ms(percentile(bare, 95)) },
			target: { p95: 300 }
		};
		console.log(JSON.stringify(result, null, 2));
		saveResults('campaigns', result);
	} finally {
		db.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
