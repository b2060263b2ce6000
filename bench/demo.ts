// `npm run bench -- demo [--customers N] [--interactions N] [--runs K]`: time of `generateDemo` into a fresh
// database file, beside the bare DuckDB floor: a CREATE TABLE AS SELECT of the same number of rows of
// interactions-shaped columns computed from range(), with no simulation at all.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Database } from '../src/lib/server/db';
import { generateDemo } from '../src/lib/server/demo';
import { machine, median, saveResults } from './util';

function arg(args: string[], name: string): number | undefined {
	const i = args.indexOf(name);
	return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : undefined;
}

export async function main(args: string[]): Promise<void> {
	const customers = arg(args, '--customers') ?? 20_000;
	const interactions = arg(args, '--interactions');
	const runs = arg(args, '--runs') ?? 1;
	const path = join(tmpdir(), `crm-bench-demo-${process.pid}.duckdb`);
	const clean = () => ['', '.wal'].forEach((s) => rmSync(path + s, { force: true }));
	console.log(`machine: ${machine()}; customers ${customers}, runs ${runs}`);

	const ours: number[] = [];
	const cpu: number[] = [];
	let rows = 0;
	for (let r = 0; r < runs; r++) {
		clean();
		const db = await Database.open({ path });
		const c0 = process.cpuUsage();
		const t = performance.now();
		const s = await generateDemo(db, { customers, interactions });
		ours.push(performance.now() - t);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1000);
		rows = s.interactions + s.customers;
		db.close();
	}

	const bare: number[] = [];
	for (let r = 0; r < runs; r++) {
		clean();
		const db = await Database.open({ path });
		const t = performance.now();
		await db.exec(
			`CREATE TABLE bare AS SELECT 'I' || lpad(range::VARCHAR, 9, '0') AS interaction_id,
				'C' || lpad((range // 25)::VARCHAR, 7, '0') AS customer_id,
				TIMESTAMP '2023-01-01' + to_seconds((hash(range) % 94608000)::BIGINT) AS occurred_at,
				['purchase', 'web_visit', 'email_open'][(range % 3)::INTEGER + 1] AS type,
				(hash(range) % 1000000)::DECIMAL(18, 2) AS amount
			 FROM range($n::BIGINT)`,
			{ n: rows }
		);
		bare.push(performance.now() - t);
		db.close();
	}
	clean();

	const results = {
		customers,
		rows,
		generate_ms_median: Math.round(median(ours)),
		generate_cpu_ms_median: Math.round(median(cpu)),
		generate_rows_per_s: Math.round(rows / (median(ours) / 1000)),
		bare_ctas_ms_median: Math.round(median(bare)),
		ratio: Math.round((median(ours) / median(bare)) * 10) / 10
	};
	console.table(results);
	saveResults('demo', results);
}
