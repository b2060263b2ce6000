// `npm run bench -- affinity [--customers N] [--db FILE] [--runs R] [--bare-runs B] [--build]`: p50/p95 of the
// affinity table query (crm affinity / the Products page: top 100 product pairs by lift, whole base and one
// segment; category pairs) over the stored table affinity_pair, beside a bare DuckDB query that counts the same
// pairs from the raw interactions table in the same run. The database is FILE, or a demo of N customers (default
// 200,000, ~10 interactions each) generated into $TMPDIR/crm-affinity-bench/demo-N.duckdb and reused; it is
// refreshed when stale. --build also times the refresh step 'affinity' itself (crm refresh --only affinity).
import { mkdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshAffinity } from '../src/lib/server/affinity/build';
import { affinityPairs } from '../src/lib/server/affinity/pairs';
import type { Database } from '../src/lib/server/db';
import { openBenchDb } from './metrics';
import { machine, median, percentile, repeat, saveResults } from './util';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

// The cost the stored table avoids: the pairs counted from interactions at order level, top 100 by lift.
const BARE_PAIRS = `
WITH b AS (SELECT DISTINCT order_id, product_id FROM interactions
	WHERE type = 'purchase' AND order_id IS NOT NULL AND product_id IS NOT NULL),
n AS (SELECT count(DISTINCT order_id) AS total FROM b),
i AS (SELECT product_id, count(*) AS orders FROM b GROUP BY product_id),
p AS (SELECT x.product_id AS a, y.product_id AS c, count(*) AS ab FROM b x JOIN b y
	ON x.order_id = y.order_id AND x.product_id < y.product_id GROUP BY ALL HAVING count(*) >= 10)
SELECT p.a, p.c, p.ab, p.ab::DOUBLE * n.total / (ia.orders::DOUBLE * ic.orders) AS lift
FROM p, n, i ia, i ic WHERE ia.product_id = p.a AND ic.product_id = p.c
ORDER BY lift DESC, p.ab DESC LIMIT 100`;

type Case = { name: string; ours: (db: Database) => Promise<unknown> };

export async function main(args: string[]): Promise<void> {
	const customers = Number(option(args, 'customers') ?? 200_000);
	const runs = Number(option(args, 'runs') ?? 50);
	const bareRuns = Number(option(args, 'bare-runs') ?? 3);
	const dir = join(tmpdir(), 'crm-affinity-bench');
	mkdirSync(dir, { recursive: true });
	const path = option(args, 'db') ?? join(dir, `demo-${customers}.duckdb`);
	const log = (m: string) => console.log(m);
	const db = await openBenchDb(customers, path, log);
	try {
		const [counts] = await db.sql<{ c: number; i: number; pairs: number }>(
			`SELECT (SELECT count(*) FROM customers) c, (SELECT count(*) FROM interactions) i,
				(SELECT count(*) FROM affinity_pair) pairs`
		);
		log(
			`${machine()}; load ${loadavg()
				.map((x) => x.toFixed(1))
				.join(' ')}; ${JSON.stringify(counts)}`
		);
		let buildMs: number | undefined;
		if (args.includes('--build')) {
			const t0 = performance.now();
			await refreshAffinity(db);
			buildMs = performance.now() - t0;
			log(`refresh step 'affinity': ${(buildMs / 1000).toFixed(1)} s`);
		}
		const [segment] = await db.sql<{ s: string }>(
			`SELECT segment AS s FROM affinity_pair WHERE segment <> 'all' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`
		);
		const cases: Case[] = [
			{ name: 'product pairs, whole base', ours: (d) => affinityPairs(d, { limit: 100 }) },
			{
				name: `product pairs, ${segment?.s ?? 'champions'}`,
				ours: (d) => affinityPairs(d, { segment: segment?.s ?? 'champions', limit: 100 })
			},
			{ name: 'category pairs', ours: (d) => affinityPairs(d, { level: 'category', limit: 100 }) },
			{ name: 'product pairs by support', ours: (d) => affinityPairs(d, { sort: 'support', limit: 100 }) }
		];
		const results: Record<string, unknown>[] = [];
		log('query                              ours p50   ours p95');
		for (const c of cases) {
			await c.ours(db);
			const t = await repeat(runs, () => c.ours(db));
			results.push({ name: c.name, p50: median(t), p95: percentile(t, 95) });
			log(
				`${c.name.padEnd(34)} ${median(t).toFixed(1).padStart(7)} ms ${percentile(t, 95).toFixed(1).padStart(7)} ms`
			);
		}
		const bare = await repeat(bareRuns, () => db.sql(BARE_PAIRS));
		log(
			`bare DuckDB (pairs from interactions) ${median(bare).toFixed(0)} ms p50, ${percentile(bare, 95).toFixed(0)} ms p95 (${bareRuns} runs)`
		);
		log(
			`load after: ${loadavg()
				.map((x) => x.toFixed(1))
				.join(' ')}`
		);
		saveResults('affinity', {
			db: path,
			counts,
			build_ms: buildMs,
			cases: results,
			bare: { p50: median(bare), p95: percentile(bare, 95) },
			load: loadavg()
		});
	} finally {
		db.close();
	}
}
