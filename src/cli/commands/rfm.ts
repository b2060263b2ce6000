import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { rfmCustomers, type RfmCustomer } from '../../lib/server/metrics/rfm';
import { segmentSummary } from '../../lib/server/metrics/segments';
import { rfmConfigFromOptions } from '../../lib/server/metrics/summary';
import { printJson, UsageError, withDb } from '../util';
import { addMetricOptions, metricQueryFrom } from './summary';

const COLUMNS: (keyof RfmCustomer)[] = [
	'customer_id',
	'recency_days',
	'orders',
	'net_revenue',
	'r_score',
	'f_score',
	'm_score',
	'rfm_cell',
	'rfm_segment',
	'lifecycle_stage',
	'last_purchase_at'
];

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(v: unknown): string {
	if (v === null || v === undefined) return '';
	const s = String(v);
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function writeOut(out: string | undefined, chunks: Iterable<string>): Promise<void> {
	const stream: NodeJS.WritableStream = out ? createWriteStream(out) : process.stdout;
	const failed = new Promise<never>((_, reject) => stream.once('error', reject));
	for (const c of chunks) {
		if (!stream.write(c)) await Promise.race([new Promise((r) => stream.once('drain', r)), failed]);
	}
	if (out) await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
}

function* csvLines(rows: RfmCustomer[]): Generator<string> {
	yield `${COLUMNS.join(',')}\n`;
	for (const r of rows) yield `${COLUMNS.map((c) => csvField(r[c])).join(',')}\n`;
}

export function registerRfm(program: Command): void {
	addMetricOptions(
		program
			.command('rfm')
			.description(
				'RFM scores (1-5) and named segment per customer with a purchase; without --json/--csv, the segment table'
			)
			.option('--json', 'per-customer rows as JSON')
			.option('--csv', 'per-customer rows as CSV')
			.option('--out <file>', 'write to this file instead of the terminal')
	).action(
		async (opts: Record<string, string | undefined> & { json?: boolean; csv?: boolean }, cmd: Command) => {
			if (opts.json && opts.csv) throw new UsageError('choose one of --json and --csv');
			const query = metricQueryFrom(opts);
			const rfm = rfmConfigFromOptions(query);
			await withDb(cmd, async (db) => {
				if (opts.json || opts.csv) {
					const { as_of, rows } = await rfmCustomers(db, query, {}, rfm);
					if (opts.csv) return writeOut(opts.out, csvLines(rows));
					if (!opts.out) return printJson({ as_of, customers: rows });
					return writeOut(opts.out, [JSON.stringify({ as_of, customers: rows }), '\n']);
				}
				const segments = await segmentSummary(db, query, rfm);
				const lines = segments.map(
					(s) =>
						`${s.name_en.padEnd(20)} ${s.name_vi.padEnd(24)} ${s.customers.toLocaleString('en').padStart(10)}` +
						`  ${((s.share ?? 0) * 100).toFixed(1).padStart(5)} %  ${Math.round(s.net_revenue).toLocaleString('en').padStart(16)}`
				);
				const head = `${'segment'.padEnd(20)} ${'phân khúc'.padEnd(24)} ${'customers'.padStart(10)}  ${'share'.padStart(7)}  ${'net revenue'.padStart(16)}`;
				return writeOut(opts.out, [[head, ...lines].join('\n') + '\n']);
			});
		}
	);
}
