// `npm run bench -- ingest [--rows N] [--runs R] [--dir DIR]`: rows/s of `ingestFile` on a realistic interactions
// CSV (default 10M rows), beside a bare DuckDB `CREATE TABLE AS SELECT * FROM read_csv(...)` of the same file in
// the same run. The CSV is generated once with DuckDB (range() + hash-based values, 0.2% dirty rows) into a temp
// folder, never into the repository. Target: ingest at most 2x the bare read.
// The refresh of derived tables after a load (pipeline.ts refreshDerived, `crm refresh`) is NOT included: the
// ingest runs with noRefresh, as `crm ingest --no-refresh` does; bench/metrics.ts measures the refresh.
// Besides wall time, each run records the process CPU time (all DuckDB threads) and the load average, because the
// machine may be shared: wall ratios under load are pessimistic, CPU ratios are the steadier guide.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/lib/server/db';
import { ingestFile } from '../src/lib/server/ingest';
import { machine, median, percentile, saveResults, timeIt } from './util';

function arg(args: string[], name: string, fallback: string): string {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

/** Interactions of 1M customers over three years: purchases, refunds, e-mails, visits, tickets, surveys. */
async function generate(file: string, rows: number): Promise<void> {
	const db = await Database.open({ path: ':memory:' });
	try {
		await db.exec(
			`COPY (
				WITH r AS (SELECT i, hash(i) AS h FROM range(${rows}) t(i))
				SELECT
					'KH' || lpad(((h % 1000000) + 1)::VARCHAR, 7, '0') AS customer_id,
					CASE WHEN i % 1000 = 7 THEN 'not a date'
						ELSE strftime(TIMESTAMP '2022-01-01' + to_seconds(((h >> 20) % 94608000)::BIGINT), '%Y-%m-%d %H:%M:%S')
					END AS occurred_at,
					CASE WHEN i % 1000 = 9 THEN 'teleport'
						ELSE ['purchase', 'purchase', 'purchase', 'web_visit', 'web_visit', 'email_open', 'email_click',
							'support_ticket', 'refund', 'survey'][1 + ((h >> 8) % 10)::BIGINT] END AS type,
					['web', 'store', 'email', 'phone', 'zalo', 'facebook', 'sales'][1 + ((h >> 12) % 7)::BIGINT] AS channel,
					'DH' || (i // 3)::VARCHAR AS order_id,
					((h >> 30) % 5000000) * 100 AS amount,
					1 + (h >> 40) % 5 AS quantity,
					'SP' || ((h >> 44) % 5000)::VARCHAR AS product_id,
					['Thời trang', 'Điện tử', 'Mỹ phẩm', 'Gia dụng', 'Thực phẩm'][1 + ((h >> 50) % 5)::BIGINT] AS category
				FROM r
			) TO '${file}' (HEADER)`
		);
	} finally {
		db.close();
	}
}

export async function main(args: string[]): Promise<void> {
	const rows = Number(arg(args, '--rows', '10000000'));
	const runs = Number(arg(args, '--runs', '3'));
	const dir = arg(args, '--dir', join(tmpdir(), 'crm-bench-ingest'));
	mkdirSync(dir, { recursive: true });
	const file = join(dir, `interactions_${rows}.csv`);
	if (!existsSync(file)) {
		console.log(`generating ${rows.toLocaleString('en')} rows into ${file} ...`);
		console.log(`  ${Math.round(await timeIt(() => generate(file, rows)))} ms`);
	}
	console.log(`file: ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB), ${machine()}`);

	const bare: number[] = [];
	const ours: number[] = [];
	const bareCpu: number[] = [];
	const oursCpu: number[] = [];
	const loads: number[] = [loadavg()[0]!];
	let last: Awaited<ReturnType<typeof ingestFile>> | undefined;
	for (let run = 0; run < runs; run++) {
		for (const which of ['bare', 'ingest'] as const) {
			const path = join(dir, `bench-${which}.duckdb`);
			rmSync(path, { force: true });
			rmSync(`${path}.wal`, { force: true });
			const db = await Database.open({ path });
			const cpu0 = process.cpuUsage();
			try {
				if (which === 'bare') {
					bare.push(
						await timeIt(() => db.exec('CREATE TABLE bare AS SELECT * FROM read_csv($file)', { file }))
					);
				} else {
					ours.push(await timeIt(async () => (last = await ingestFile(db, file, { noRefresh: true }))));
				}
			} finally {
				const cpu = process.cpuUsage(cpu0);
				(which === 'bare' ? bareCpu : oursCpu).push((cpu.user + cpu.system) / 1000);
				db.close();
				rmSync(path, { force: true });
				rmSync(`${path}.wal`, { force: true });
			}
		}
		loads.push(loadavg()[0]!);
		console.log(
			`run ${run + 1}: bare ${Math.round(bare.at(-1)!)} ms (cpu ${Math.round(bareCpu.at(-1)!)} ms), ` +
				`ingest ${Math.round(ours.at(-1)!)} ms (cpu ${Math.round(oursCpu.at(-1)!)} ms), load ${loads.at(-1)!.toFixed(2)}`
		);
	}
	const perSecond = (ms: number): number => Math.round(rows / (ms / 1000));
	const results = {
		rows,
		runs,
		bare_ms: { median: median(bare), p95: percentile(bare, 95) },
		ingest_ms: { median: median(ours), p95: percentile(ours, 95) },
		bare_rows_per_s: perSecond(median(bare)),
		ingest_rows_per_s: perSecond(median(ours)),
		ratio: median(ours) / median(bare),
		target_ratio: 2,
		bare_cpu_ms: median(bareCpu),
		ingest_cpu_ms: median(oursCpu),
		cpu_ratio: median(oursCpu) / median(bareCpu),
		load_average_1min: loads,
		refresh_included: false,
		report: last && { rows_read: last.rows_read, rows_loaded: last.rows_loaded, reasons: last.reasons }
	};
	console.table({
		'bare read_csv CTAS': {
			'median ms': Math.round(median(bare)),
			'p95 ms': Math.round(percentile(bare, 95)),
			'rows/s': results.bare_rows_per_s
		},
		'crm ingest': {
			'median ms': Math.round(median(ours)),
			'p95 ms': Math.round(percentile(ours, 95)),
			'rows/s': results.ingest_rows_per_s
		}
	});
	console.log(`ratio ingest / bare = ${results.ratio.toFixed(2)} (target <= 2), wall medians`);
	console.log(`cpu ratio = ${results.cpu_ratio.toFixed(2)} (process CPU, all threads, medians)`);
	console.log(`load average (1 min) before and after each run: ${loads.map((l) => l.toFixed(2)).join(', ')}`);
	console.log('refresh of derived tables: not included (noRefresh), see bench/metrics.ts');
	console.log(`ingest report: ${JSON.stringify(results.report)}`);
	saveResults('ingest', results);
}
