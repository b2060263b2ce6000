// `npm run bench -- refresh [--customers N] [--runs R] [--db FILE] [--append ROWS] [--skip-full]`: the refresh of
// derived tables (pipeline.ts refreshDerived, `crm refresh`) at N customers (default 1,000,000, ~10 interactions
// each), beside the bare customer-summary GROUP BY over the same interactions in the same run:
//   bare      CREATE TEMP TABLE AS the GROUP BY of bench/metrics.ts (BARE_SUMMARY), R runs;
//   full      every entry rebuilt (`crm refresh --force`), R runs, with each entry's time;
//   no-op     nothing new: the walk that finds every entry current, R runs;
//   append    one new day of ROWS interactions (default N / 100) for existing customers, loaded with ingestFile
//             (noRefresh) and then refreshed, R runs, each a further day; afterwards customer_day's last day and
//             the summary's as-of date must be that day's (the dashboard's answers reflect it).
// The generated database (shared with bench/metrics.ts, $TMPDIR/crm-bench/metrics-N.duckdb) is copied to a work file
// first, so the appends never change it. Prints medians and ratios to the bare figure; writes bench/results/refresh.json.
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/lib/server/db';
import { ingestFile } from '../src/lib/server/ingest';
import { refreshDerived, type StepTiming } from '../src/lib/server/pipeline';
import { BARE_SUMMARY, openBenchDb } from './metrics';
import { machine, median, percentile, saveResults, timeIt } from './util';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

/** One new day of interactions for `rows` existing customers (purchases with orders, visits, e-mails, refunds). */
async function writeDay(db: Database, file: string, day: string, rows: number, run: number): Promise<void> {
	await db.exec(
		`COPY (
			WITH c AS (
				SELECT customer_id, row_number() OVER (ORDER BY hash(customer_id, $run::INTEGER)) - 1 AS i
				FROM customers
			), r AS (SELECT i, hash(i, $run::INTEGER) AS h FROM range($rows::BIGINT) t(i))
			SELECT c.customer_id,
				strftime($day::DATE + to_seconds((r.h % 86400)::BIGINT), '%Y-%m-%d %H:%M:%S') AS occurred_at,
				['purchase', 'purchase', 'purchase', 'web_visit', 'web_visit', 'email_open', 'email_click',
					'support_ticket', 'refund', 'survey'][1 + ((r.h >> 8) % 10)::BIGINT] AS type,
				['web', 'store', 'email', 'phone', 'zalo', 'facebook', 'sales'][1 + ((r.h >> 12) % 7)::BIGINT] AS channel,
				'B' || $run::INTEGER || '-' || (r.i // 2)::VARCHAR AS order_id,
				(1 + (r.h >> 30) % 5000) * 1000 AS amount
			FROM r JOIN c ON c.i = r.i % (SELECT count(*) FROM customers)
		) TO '${file.replaceAll("'", "''")}' (HEADER)`,
		{ day, rows, run }
	);
}

const total = (t: StepTiming[]): number => t.reduce((a, s) => a + s.ms, 0);

export async function main(args: string[]): Promise<void> {
	const customers = Number(option(args, 'customers') ?? 1_000_000);
	const runs = Number(option(args, 'runs') ?? 3);
	const appendRows = Number(option(args, 'append') ?? Math.round(customers / 100));
	const dir = join(tmpdir(), 'crm-bench');
	mkdirSync(dir, { recursive: true });
	const base = option(args, 'db') ?? join(dir, `metrics-${customers}.duckdb`);
	const log = (m: string): void => console.log(m);
	if (!existsSync(base)) (await openBenchDb(customers, base, log)).close();
	const work = join(dir, `refresh-${customers}.work.duckdb`);
	rmSync(`${work}.wal`, { force: true });
	copyFileSync(base, work);
	const db = await Database.open({ path: work, poolSize: 2 });
	const loads = [loadavg()[0]!];
	try {
		const counts = await db.sql<{ customers: number; interactions: number }>(
			'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM interactions) AS interactions'
		);
		log(`${machine()}; ${work}: ${JSON.stringify(counts[0])}`);
		// Brings the copy to what this version builds (nothing when the base was refreshed by it).
		await refreshDerived(db);

		const bare: number[] = [];
		for (let i = 0; i < runs; i++) {
			bare.push(await timeIt(() => db.exec(`CREATE OR REPLACE TEMP TABLE bare_summary AS ${BARE_SUMMARY}`)));
		}
		await db.exec('DROP TABLE IF EXISTS temp.bare_summary');
		log(
			`bare customer-summary GROUP BY: median ${median(bare).toFixed(0)} ms (${bare.map(Math.round).join(', ')})`
		);

		const full: StepTiming[][] = [];
		if (!args.includes('--skip-full')) {
			for (let i = 0; i < runs; i++) {
				const t = await refreshDerived(db, () => undefined, undefined, { force: true });
				full.push(t);
				loads.push(loadavg()[0]!);
				log(`full refresh ${i + 1}: ${total(t)} ms (${t.map((s) => `${s.name} ${s.ms}`).join(', ')})`);
			}
		}

		const noop: number[] = [];
		for (let i = 0; i < runs; i++) noop.push(await timeIt(() => refreshDerived(db)));
		log(`no-op refresh: median ${median(noop).toFixed(0)} ms (${noop.map(Math.round).join(', ')})`);

		const append: {
			ingest_ms: number;
			refresh_ms: number;
			steps: StepTiming[];
			reflected: boolean;
			periods_customers: number | null;
		}[] = [];
		for (let i = 0; i < runs; i++) {
			const last = await db.sql<{ d: string }>(
				"SELECT strftime(max(day) + 1, '%Y-%m-%d') AS d FROM customer_day"
			);
			const day = last[0]!.d;
			const file = join(dir, `append-${customers}-${i}.csv`);
			await writeDay(db, file, day, appendRows, i);
			const ingest = await timeIt(() => ingestFile(db, file, { noRefresh: true }));
			let steps: StepTiming[] = [];
			const refresh = await timeIt(async () => (steps = await refreshDerived(db)));
			rmSync(file, { force: true });
			const seen = await db.sql<{ last: string; as_of: string; rebuilt: string | null }>(
				`SELECT strftime(max(day), '%Y-%m-%d') AS last,
					(SELECT params->>'as_of' FROM derived_state WHERE name = 'metrics') AS as_of,
					(SELECT params->>'rebuilt_customers' FROM derived_state WHERE name = 'periods') AS rebuilt
				 FROM customer_day`
			);
			const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
			const reflected = seen[0]!.last === day && seen[0]!.as_of === next;
			// customers whose period rows the periods step rebuilt (null: a full build)
			const rebuilt = seen[0]!.rebuilt === null ? null : Number(seen[0]!.rebuilt);
			append.push({ ingest_ms: ingest, refresh_ms: refresh, steps, reflected, periods_customers: rebuilt });
			loads.push(loadavg()[0]!);
			log(
				`append ${appendRows.toLocaleString('en')} rows on ${day}: ingest ${ingest.toFixed(0)} ms + refresh ` +
					`${refresh.toFixed(0)} ms (${steps.map((s) => `${s.name} ${s.skipped ? '-' : s.ms}`).join(', ')}); ` +
					`periods rebuilt for ${rebuilt ?? 'all'} customers; reflected: ${reflected}`
			);
		}

		const b = median(bare);
		const fullTotals = full.map(total);
		const stepNames = full[0]?.map((s) => s.name) ?? [];
		const appendTotals = append.map((a) => a.ingest_ms + a.refresh_ms);
		const results = {
			customers,
			interactions: counts[0]!.interactions,
			runs,
			bare_summary_ms: { median: b, all: bare },
			full_refresh_ms: full.length
				? {
						median: median(fullTotals),
						p95: percentile(fullTotals, 95),
						ratio_to_bare: median(fullTotals) / b,
						steps: Object.fromEntries(
							stepNames.map((n) => [n, median(full.map((t) => t.find((s) => s.name === n)!.ms))])
						)
					}
				: null,
			noop_refresh_ms: { median: median(noop), all: noop },
			append: {
				rows: appendRows,
				median_total_ms: median(appendTotals),
				median_ingest_ms: median(append.map((a) => a.ingest_ms)),
				median_refresh_ms: median(append.map((a) => a.refresh_ms)),
				all_reflected: append.every((a) => a.reflected),
				runs: append
			},
			load_average_1min: loads
		};
		log('');
		log(`bare GROUP BY          ${b.toFixed(0).padStart(8)} ms`);
		if (results.full_refresh_ms) {
			log(
				`full refresh           ${results.full_refresh_ms.median.toFixed(0).padStart(8)} ms  ` +
					`${results.full_refresh_ms.ratio_to_bare.toFixed(1)}x bare (target <= 20x at 1M)`
			);
		}
		log(
			`no-op refresh          ${results.noop_refresh_ms.median.toFixed(0).padStart(8)} ms  (target <= 1,000 ms at 1M)`
		);
		log(
			`append one day + load  ${results.append.median_total_ms.toFixed(0).padStart(8)} ms  ` +
				`(ingest ${results.append.median_ingest_ms.toFixed(0)}, refresh ${results.append.median_refresh_ms.toFixed(0)}; ` +
				`target <= 5,000 ms at 1M); reflected: ${results.append.all_reflected}`
		);
		log(`load average (1 min): ${loads.map((l) => l.toFixed(2)).join(', ')}`);
		saveResults('refresh', results);
	} finally {
		db.close();
		rmSync(work, { force: true });
		rmSync(`${work}.wal`, { force: true });
	}
}
