// `npm run bench -- pages [--customers N] [--runs R] [--db FILE]`: for every dashboard page, the time until the page
// is usable (its data shown: the page sets data-ready="true", tests/e2e/helpers/ready.ts, and no chart is loading) in
// Debian's Chromium against the production build, median and p95 of R fresh loads (new browser context each: no
// browser cache) after a first load, and the JavaScript the page loads (gzip bytes of every script response). The
// first load is reported too: it computes the metric answers the server keeps until the data changes
// (src/routes/api/per-refresh.ts). Baseline in the same run: the time the server takes to answer the page's HTML
// alone (server-side render, all its queries), fetched without a browser. The 1-minute load average is printed
// beside every row (the machine may be shared).
// Targets: <= 1 s to a usable page, <= 250 KB of JavaScript per page (gzip).
// The database ($TMPDIR/crm-bench/pages-N.duckdb, default N = 1,000,000) is generated once with `crm demo` and reused.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/helpers/browser';
import { ensureBuild, root, startApp } from '../tests/e2e/helpers/app';
import { waitUsable } from '../tests/e2e/helpers/ready';
import type { SegmentRow } from '../src/lib/api/endpoints';
import { median, percentile, saveResults } from './util';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args: string[]): Promise<void> {
	const customers = Number(option(args, 'customers') ?? 1_000_000);
	const runs = Number(option(args, 'runs') ?? 5);
	if (!Number.isInteger(customers) || customers < 1)
		throw new Error('--customers must be a whole number >= 1');
	if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number >= 1');
	const dir = join(tmpdir(), 'crm-bench');
	mkdirSync(dir, { recursive: true });
	const path = option(args, 'db') ?? join(dir, `pages-${customers}.duckdb`);
	if (!existsSync(path)) {
		console.log(
			`generating ${customers.toLocaleString('en')} customers into ${path} (once; reused next time) ...`
		);
		const r = spawnSync(
			process.execPath,
			[join(root, 'bin', 'crm.js'), 'demo', '--customers', String(customers)],
			{
				cwd: root,
				stdio: 'inherit',
				env: { ...process.env, CRM_DB: path }
			}
		);
		if (r.status !== 0) throw new Error('crm demo failed');
	}
	ensureBuild((m) => console.log(m));
	const app = await startApp(path, 300_000);
	const browser = await launchChromium();
	try {
		const top = (await (await fetch(`${app.base}/api/customers?format=json&page_size=1`)).json()) as {
			customer_id: string;
		}[];
		const biggest = ((await (await fetch(`${app.base}/api/segments?format=json`)).json()) as SegmentRow[])
			.filter((s) => s.segment !== 'others')
			.sort((a, b) => b.customers - a.customers)[0];
		const pages: [string, string][] = [
			['overview', '/'],
			['segments', '/segments'],
			['segment page', `/segments/${encodeURIComponent(biggest?.segment ?? 'champions')}`],
			['cohorts', '/cohorts'],
			['customers', '/customers'],
			['customer 360', `/customers/${encodeURIComponent(top[0]?.customer_id ?? 'x')}`],
			['channels', '/channels'],
			['models', '/models'],
			['lists', '/lists'],
			['migration', '/migration']
		];
		console.log(
			`${customers.toLocaleString('en')} customers, ${runs} loads per page after a first load ` +
				`(the first load after the app starts computes what the server then keeps until the data changes)`
		);
		console.log('page            usable p50   p95   | first load | server HTML p50 | JS gzip   | load avg');
		const results = [];
		for (const [name, url] of pages) {
			const times: number[] = [];
			const html: number[] = [];
			let first = 0;
			let jsBytes = 0;
			for (let i = 0; i <= runs; i++) {
				const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
				const page = await context.newPage();
				const scripts: Promise<number>[] = [];
				page.on('response', (r) => {
					if (r.request().resourceType() === 'script') {
						scripts.push(
							r.body().then(
								(b) => gzipSync(b, { level: 9 }).length,
								() => 0
							)
						);
					}
				});
				const t = performance.now();
				await page.goto(`${app.base}${url}`, { waitUntil: 'commit' });
				await waitUsable(page, 300_000);
				const elapsed = performance.now() - t;
				await page.waitForLoadState('networkidle').catch(() => undefined);
				const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
				await context.close();
				const h = performance.now();
				await (await fetch(`${app.base}${url}`)).text();
				const htmlMs = performance.now() - h;
				if (i === 0) {
					first = elapsed;
					continue;
				}
				times.push(elapsed);
				html.push(htmlMs);
				jsBytes = bytes;
			}
			const load = loadavg()[0]!;
			const row = {
				page: name,
				url,
				usable_p50_ms: Math.round(median(times)),
				usable_p95_ms: Math.round(percentile(times, 95)),
				first_load_ms: Math.round(first),
				server_html_p50_ms: Math.round(median(html)),
				js_gzip_bytes: jsBytes,
				load_average_1m: Number(load.toFixed(2)),
				meets_time_target: median(times) <= 1000,
				meets_js_target: jsBytes <= 250 * 1024
			};
			results.push(row);
			console.log(
				`${name.padEnd(15)} ${String(row.usable_p50_ms).padStart(6)} ms ${String(row.usable_p95_ms).padStart(5)} ms | ` +
					`${String(row.first_load_ms).padStart(7)} ms | ${String(row.server_html_p50_ms).padStart(9)} ms    | ` +
					`${(jsBytes / 1024).toFixed(1).padStart(6)} KB | ${load.toFixed(2)}`
			);
		}
		saveResults('pages', { customers, runs, db: path, results });
	} finally {
		await browser.close();
		await app.stop();
	}
}
