/**
 * End-to-end on real data: UCI Online Retail II (../shared/datasets/online_retail, read in place; skipped with a
 * message when absent) loaded with `crm ingest --preset online-retail` into a fresh database and served by the
 * production build in Debian's Chromium. What a new user with a British shop's export must see: pounds and no dong,
 * a funnel whose first purchase counts every buyer, panels that say the data has no surveys, a country filter that
 * offers United Kingdom and keeps data on every panel, and no churn point before the inactivity window has passed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sharedDatasets } from '../helpers/db';
import { launchChromium, openPage } from './helpers/browser';
import { ensureBuild, root, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

const datasets = sharedDatasets();
const file = datasets && join(datasets, 'online_retail', 'online_retail_ii.csv.gz');
const present = file !== undefined && existsSync(file);
if (!present) {
	console.warn(
		'tests/e2e/online-retail.test.ts skipped: ../shared/datasets/online_retail/online_retail_ii.csv.gz not found'
	);
}

const dir = join(root, 'tests', '.tmp', `e2e-retail-${randomUUID()}`);
let app: RunningApp;
let browser: Browser;

async function api<T>(path: string): Promise<T> {
	const sep = path.includes('?') ? '&' : '?';
	const res = await fetch(`${app.base}${path}${sep}format=json`);
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

function open(path: string, lang = 'en', width = 1440): Promise<{ page: Page; errors: string[] }> {
	return openPage(browser, app.base, path, { width, lang, timeout: 60_000 });
}

/** The panels of a page that show no data, each with the interaction types it names as missing (or none). */
async function emptyPanels(page: Page): Promise<{ testid: string | null; missing: string | null }[]> {
	return page.locator('main [data-state="empty"]').evaluateAll((els) =>
		els.map((el) => ({
			testid: el.getAttribute('data-testid'),
			missing: el.querySelector('[data-missing]')?.getAttribute('data-missing') ?? null
		}))
	);
}

describe.skipIf(!present)('Online Retail II, as a new user loads it', () => {
	beforeAll(async () => {
		browser = await launchChromium();
		ensureBuild((m) => console.log(m));
		mkdirSync(dir, { recursive: true });
		const path = join(dir, 'crm.duckdb');
		const r = spawnSync(
			process.execPath,
			[join(root, 'bin', 'crm.js'), 'ingest', file!, '--preset', 'online-retail'],
			{ cwd: root, encoding: 'utf8', env: { ...process.env, CRM_DB: path } }
		);
		if (r.status !== 0) throw new Error(`crm ingest failed:\n${r.stdout}\n${r.stderr}`);
		app = await startApp(path, 120_000);
	}, 900_000);

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
		rmSync(dir, { recursive: true, force: true });
	});

	it('money is in pounds (the preset says GBP), never in dong, in English and Vietnamese', async () => {
		for (const lang of ['en', 'vi']) {
			for (const path of ['/', '/segments', '/customers']) {
				const { page, errors } = await open(path, lang);
				try {
					const text = (await page.locator('main').textContent()) ?? '';
					expect(text, `${lang} ${path}`).toContain('£');
					expect(text, `${lang} ${path}`).not.toContain('₫');
					expect(errors).toEqual([]);
				} finally {
					await page.close();
				}
			}
		}
		const { page } = await open('/settings');
		try {
			expect(await page.locator('select[name="currency"]').inputValue()).toBe('GBP');
			expect(await page.locator('[data-testid="currency-source"]').textContent()).toContain('layout');
		} finally {
			await page.close();
		}
	});

	it('the funnel’s first purchase counts every customer with a purchase; engaged is not in the data', async () => {
		const summary = await api<{ customers_with_purchase: number }[]>('/api/summary');
		const buyers = summary[0]!.customers_with_purchase;
		expect(buyers).toBe(5881);
		const { page } = await open('/channels');
		try {
			const step = page.locator('[data-step="first_purchase"]');
			expect(Number(await step.getAttribute('data-value'))).toBe(buyers);
			expect(await page.locator('[data-step="engaged"]').getAttribute('data-value')).toBeNull();
			// the CSAT and ticket panels say the data has none, not that the filters match nothing
			const csat = page.locator('[data-testid="chart-csat"]');
			expect(await csat.getAttribute('data-state')).toBe('empty');
			expect(await csat.locator('[data-missing]').getAttribute('data-missing')).toBe('survey');
			expect(await csat.textContent()).toContain('has no surveys');
		} finally {
			await page.close();
		}
	});

	it('the country filter offers United Kingdom; filtered by it, every panel that had data keeps it', async () => {
		const dims = await api<{ dimension: string; value: string; customers: number }[]>('/api/dimensions');
		const uk = dims.find((d) => d.dimension === 'country' && d.value === 'United Kingdom');
		expect(uk?.customers).toBeGreaterThan(5000);
		// region is empty in this file: no region box is offered
		expect(dims.some((d) => d.dimension === 'region')).toBe(false);
		for (const path of ['/', '/segments', '/cohorts', '/channels', '/customers']) {
			const { page, errors } = await open(path);
			try {
				const filter = page.locator('[data-testid="filter-bar"] select[name="country"]');
				expect(await filter.locator('option', { hasText: 'United Kingdom' }).count()).toBe(1);
				expect(await page.locator('[data-testid="filter-bar"] [name="region"]').count()).toBe(0);
				const before = await emptyPanels(page);
				await filter.selectOption('United Kingdom');
				await page.waitForURL((u) => u.searchParams.get('country') === 'United Kingdom');
				await waitUsable(page, 60_000);
				const after = await emptyPanels(page);
				// only panels whose interaction type is absent from the whole file are empty, before and after
				expect(after, path).toEqual(before);
				expect(
					after.every((p) => p.missing !== null),
					`${path}: ${JSON.stringify(after)}`
				).toBe(true);
				expect(await page.locator('main [data-state="error"]').count()).toBe(0);
				expect(errors).toEqual([]);
			} finally {
				await page.close();
			}
		}
	});

	it('no churn point before the inactivity window has passed (Dec 2009 to Feb 2010 are unknown)', async () => {
		const kpis =
			await api<{ period: string; metric: string; value: number | null }[]>('/api/kpis?period=month');
		const churn = kpis.filter((r) => r.metric === 'churn_rate');
		expect(churn.slice(0, 3).map((r) => [r.period, r.value])).toEqual([
			['2009-12-01', null],
			['2010-01-01', null],
			['2010-02-01', null]
		]);
		expect(churn[3]?.value).not.toBeNull();
		const { page } = await open('/?grain=month');
		try {
			// the churn line starts three months after the retention line (retention has a value from Jan 2010)
			const starts = await page
				.locator('[data-testid="chart-churn"] svg path[fill="none"]')
				.evaluateAll((paths) =>
					paths
						.map((p) => /^M([\d.]+)/.exec(p.getAttribute('d') ?? '')?.[1])
						.filter((x): x is string => x !== undefined)
						.map(Number)
				);
			expect(starts.length).toBeGreaterThanOrEqual(2);
			const [churnStart, retentionStart] = [starts[0]!, starts.at(-1)!];
			expect(churnStart).toBeGreaterThan(retentionStart);
		} finally {
			await page.close();
		}
	});
});
