// `npm run bench -- pages [--customers N] [--runs R] [--db FILE]`: for every dashboard page, the time until the page
// is usable (its data shown: the page sets data-ready="true" and no chart is loading) in Debian's Chromium against
// the production build, median and p95 of R fresh loads (new browser context each: no cache), and the JavaScript
// the page loads (gzip bytes of every script response). Baseline in the same run: the time the server takes to
// answer the page's HTML alone (server-side render, all its queries), fetched without a browser.
// Targets: <= 1 s to a usable page, <= 250 KB of JavaScript per page (gzip).
// The database ($TMPDIR/crm-bench/pages-N.duckdb, default N = 1,000,000) is generated once with `crm demo` and reused.
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../tests/e2e/helpers/browser';
import { ensureBuild, root, startApp } from '../tests/e2e/helpers/app';
import { waitUsable } from '../tests/e2e/helpers/ready';
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
		// [name, url, sets data-ready]: pages with the marker are timed until hydrated with their data; the others
		// until their charts are drawn (server-rendered, possibly before hydration).
		const pages = [
			['overview', '/', false],
			['segments', '/segments', false],
			['cohorts', '/cohorts', false],
			['customers', '/customers', true],
			['customer 360', `/customers/${encodeURIComponent(top[0]?.customer_id ?? 'x')}`, true],
			['channels', '/channels', true],
			['models', '/models', true]
		] as const;
		console.log(
			`${customers.toLocaleString('en')} customers, ${runs} loads per page (after one warm-up load)`
		);
		console.log('page            usable p50   p95   | server HTML p50 | JS gzip   | ready by');
		const results = [];
		for (const [name, url, marker] of pages) {
			const times: number[] = [];
			const html: number[] = [];
			let jsBytes = 0;
			let readyBy = '';
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
				readyBy = await waitUsable(page, 120_000, marker);
				const elapsed = performance.now() - t;
				await page.waitForLoadState('networkidle').catch(() => undefined);
				const bytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
				await context.close();
				const h = performance.now();
				await (await fetch(`${app.base}${url}`)).text();
				const htmlMs = performance.now() - h;
				if (i === 0) continue; // warm-up: first queries, server caches
				times.push(elapsed);
				html.push(htmlMs);
				jsBytes = bytes;
			}
			const row = {
				page: name,
				url,
				usable_p50_ms: Math.round(median(times)),
				usable_p95_ms: Math.round(percentile(times, 95)),
				server_html_p50_ms: Math.round(median(html)),
				js_gzip_bytes: jsBytes,
				ready_by: readyBy,
				meets_time_target: median(times) <= 1000,
				meets_js_target: jsBytes <= 250 * 1024
			};
			results.push(row);
			console.log(
				`${name.padEnd(15)} ${String(row.usable_p50_ms).padStart(6)} ms ${String(row.usable_p95_ms).padStart(5)} ms | ` +
					`${String(row.server_html_p50_ms).padStart(9)} ms    | ${(jsBytes / 1024).toFixed(1).padStart(6)} KB | ${readyBy}`
			);
		}
		saveResults('pages', { customers, runs, db: path, results });
	} finally {
		await browser.close();
		await app.stop();
	}
}
