// `npm run bench -- campaigns [--customers N] [--members M] [--runs R] [--dir DIR | --db FILE]`: the results of one
// launched campaign (groups, stratified lift, cumulative conversion by day: campaignResults) with M members (default
// 100,000) in a database of N customers (default 1,000,000, 10 interactions each), beside a bare DuckDB baseline in
// the same run: the per-group and per-day figures written by hand (no named queries, no statistics).
// The data is generated with DuckDB (range() + hash-based values) into a temp folder DIR, removed afterwards.
// --db FILE instead reads an existing database (a copy of a generated bench database, e.g. the 1M demo one; the
// campaign 'bench' is added to it once: every (customers / M)-th customer, sent 60 days before the last
// interaction) and keeps it. Target: p95 <= 300 ms at 1M.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
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

/** The bench campaign in an existing database (--db): added once, its id found by name afterwards. */
async function ensureBenchCampaign(db: Database, members: number): Promise<number> {
	const find = () => db.sql<{ id: number }>(`SELECT campaign_id AS id FROM campaigns WHERE name = 'bench'`);
	const found = (await find())[0];
	if (found) return found.id;
	const n = (await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customers'))[0]!.n;
	const step = Math.max(1, Math.floor(n / members));
	await db.transaction(async (s) => {
		await s.exec(
			`INSERT INTO campaigns (name, list_name, rule, channel, send_date, window_days, holdout_share, seed,
				launched_at, matched, left_out_no_consent)
			 SELECT 'bench', 'bench', '{"field": "orders", "op": ">=", "value": 1}', 'email',
				max(occurred_at)::DATE - 60, 30, 0.1, 1, current_timestamp, $members, 0
			 FROM interactions`,
			{ members }
		);
		await s.exec(
			`INSERT INTO campaign_members (campaign_id, customer_id, stratum, draw, treated)
			 SELECT k.campaign_id, c.customer_id, coalesce(f.rfm_segment, 'none'), md5(c.customer_id),
				hash(c.customer_id, 'g') % 10 > 0
			 FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS i FROM customers) c
			 LEFT JOIN customer_features f USING (customer_id), (SELECT campaign_id FROM campaigns WHERE name = 'bench') k
			 WHERE c.i % $step = 0 QUALIFY row_number() OVER (ORDER BY c.customer_id) <= $members`,
			{ step, members }
		);
	});
	return (await find())[0]!.id;
}

const BARE_GROUPS = `
WITH k AS (SELECT send_date::TIMESTAMP AS w0, send_date::TIMESTAMP + INTERVAL 30 DAY AS w1 FROM campaigns
	WHERE campaign_id = $id),
r AS (
	SELECT customer_id, count(DISTINCT order_id) FILTER (WHERE type = 'purchase') AS orders, sum(amount) AS revenue,
		min(occurred_at) FILTER (WHERE type = 'purchase') AS first_at
	FROM interactions, k WHERE occurred_at >= k.w0 AND occurred_at < k.w1
	  AND type IN ('purchase', 'refund') AND customer_id IN (SELECT customer_id FROM campaign_members WHERE campaign_id = $id)
	GROUP BY ALL
)
SELECT m.stratum, m.treated, count(*), count(r.customer_id) FILTER (WHERE r.orders > 0), sum(r.orders),
	sum(r.revenue), sum(r.revenue * r.revenue), histogram(date_diff('day', k.w0, r.first_at))
FROM campaign_members m LEFT JOIN r USING (customer_id), k WHERE m.campaign_id = $id GROUP BY ALL`;

export async function main(args: string[]): Promise<void> {
	const members = Number(arg(args, '--members', '100000'));
	const runs = Number(arg(args, '--runs', '20'));
	const file = arg(args, '--db', '');
	if (file && !existsSync(file))
		throw new Error(`--db ${file}: no such file (copy a bench database there first)`);
	const dir = arg(args, '--dir', join(tmpdir(), `crm-bench-campaigns-${process.pid}`));
	if (!file) mkdirSync(dir, { recursive: true });
	const db = await Database.open({ path: file || join(dir, 'bench.duckdb') });
	try {
		const t0 = performance.now();
		let id = 1;
		if (file) id = await ensureBenchCampaign(db, members);
		else await generate(db, Number(arg(args, '--customers', '1000000')), members);
		const counts = (
			await db.sql<{ c: number; i: number }>(
				'SELECT (SELECT count(*) FROM customers)::INTEGER AS c, (SELECT count(*) FROM interactions)::INTEGER AS i'
			)
		)[0]!;
		const n = counts.c;
		console.error(
			`${file ? 'read' : 'generated'} ${n} customers, ${counts.i} interactions, ${members} members in ${Math.round(performance.now() - t0)} ms`
		);
		const check = await campaignResults(db, id);
		console.error(
			`check: ${check.groups.map((g) => `${g.group} ${g.customers}`).join(', ')}; verdict ${check.lift.verdict}`
		);
		await repeat(2, () => campaignResults(db, id)); // warm
		const ours = await repeat(runs, () => campaignResults(db, id));
		const bare = await repeat(runs, () => db.sql(BARE_GROUPS, { id }));
		const ms = (x: number) => Math.round(x * 10) / 10;
		const result = {
			machine: machine(),
			load: loadavg().map((x) => Math.round(x * 10) / 10),
			customers: n,
			interactions: counts.i,
			db: file || 'generated',
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
		if (!file) rmSync(dir, { recursive: true, force: true });
	}
}
