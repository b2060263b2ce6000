/**
 * End-to-end: the Data page in Debian's Chromium against the production build. A small CSV with a bad row is
 * uploaded, its columns are shown with the fields they feed, the load shows its progress and then the quarantine
 * report; the rejected rows download as CSV; the ingest is listed, and the overview shows the new data.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { demoDatabase, ensureBuild, root, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';
import { removeTempFiles, tempFile } from '../ingest/helpers';

const SHOTS = join(root, 'screenshots');
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let cleanupDb: () => void = () => undefined;

beforeAll(async () => {
	browser = await launchChromium();
	ensureBuild((m) => console.log(m));
	const db = demoDatabase(300, 17);
	cleanupDb = db.cleanup;
	app = await startApp(db.path);
	context = await browser.newContext({ viewport: { width: 1360, height: 900 }, acceptDownloads: true });
	mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await app?.stop();
	cleanupDb();
	removeTempFiles();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
	page.on('response', (r) => {
		if (r.status() >= 500) errors.push(`HTTP ${r.status()} ${r.url()}`);
	});
	await page.goto(`${app.base}${path}`);
	await waitUsable(page);
	return { page, errors };
}

const count = async (page: Page, testid: string) =>
	Number((await page.textContent(`[data-testid="${testid}"]`))?.replace(/[^\d]/g, ''));

describe('the Data page', () => {
	it('uploads a CSV, shows columns, progress and the quarantine report, and the overview has the new data', async () => {
		const overview = await open('/');
		const customersBefore = await count(overview.page, 'count-customers');
		const interactionsBefore = await count(overview.page, 'count-interactions');
		await overview.page.close();

		const csv = tempFile(
			'shop export.csv',
			'Customer No,Order Date,Total,Channel\n' +
				'e2e-1,2025-12-01 09:30,150000,web\n' +
				'e2e-2,2025-12-02 14:00,90000,store\n' +
				'e2e-3,2025-12-03,not a number,zalo\n' +
				'e2e-3,2025-12-04,45000,zalo\n'
		);
		const { page, errors } = await open('/data');
		try {
			expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Data');
			// every phase the progress shows, in order
			await page.evaluate(() => {
				const w = window as unknown as { phases: string[] };
				w.phases = [];
				new MutationObserver(() => {
					const phase = document.querySelector('[data-testid="job-progress"]')?.getAttribute('data-phase');
					if (phase && w.phases.at(-1) !== phase) w.phases.push(phase);
				}).observe(document.body, { subtree: true, childList: true, attributes: true });
			});
			await page.setInputFiles('[data-testid="data-file"]', csv);
			await page.waitForSelector('[data-testid="column-mapping"]');
			const mapped = (field: string) =>
				page.getAttribute(`[data-testid="column-mapping"] tr[data-field="${field}"]`, 'data-column');
			expect(await mapped('customer_id')).toBe('Customer No');
			expect(await mapped('occurred_at')).toBe('Order Date');
			expect(await mapped('amount')).toBe('Total');
			expect(await mapped('channel')).toBe('Channel');
			// a choice made here changes the mapping the server reports
			await page.selectOption('select[aria-label="channel"]', 'Total');
			await page.waitForFunction(
				() =>
					document
						.querySelector('[data-testid="column-mapping"] tr[data-field="channel"]')
						?.getAttribute('data-column') === 'Total'
			);
			await page.selectOption('select[aria-label="channel"]', '');
			await page.waitForFunction(
				() =>
					document
						.querySelector('[data-testid="column-mapping"] tr[data-field="channel"]')
						?.getAttribute('data-column') === 'Channel'
			);
			await page.screenshot({ path: join(SHOTS, 'data-mapping.png'), fullPage: true });

			await page.click('[data-testid="data-start"]');
			await page.waitForSelector('[data-testid="quarantine-report"]', { timeout: 60_000 });
			await page.screenshot({ path: join(SHOTS, 'data-report.png'), fullPage: true });
			const phases = await page.evaluate(() => (window as unknown as { phases: string[] }).phases);
			expect(phases[0]).toMatch(/uploading|uploaded/);
			expect(phases).toContain('uploaded');
			expect(phases.some((p) => ['queued', 'reading', 'writing', 'refreshing'].includes(p))).toBe(true);
			expect(phases.at(-1)).toBe('done');

			const value = (id: string) => page.getAttribute(`[data-testid="${id}"]`, 'data-value');
			expect(await value('report-read')).toBe('4');
			expect(await value('report-loaded')).toBe('3');
			expect(await value('report-quarantined')).toBe('1');
			expect(await page.getAttribute('[data-testid="reason-row"]', 'data-reason')).toBe('non-numeric amount');

			const [download] = await Promise.all([
				page.waitForEvent('download'),
				page.click('[data-testid="download-rejected"]')
			]);
			const rejected = readFileSync((await download.path())!, 'utf8');
			expect(rejected).toBe(
				'line,reason,Customer No,Order Date,Total,Channel\n4,non-numeric amount,e2e-3,2025-12-03,not a number,zalo\n'
			);

			// the ingest is in the list of past ingests (the page reloaded its data)
			await page.waitForSelector('[data-testid="ingest-history"] tr td:text-is("shop export.csv")');
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}

		const after = await open('/');
		try {
			expect(await count(after.page, 'count-customers')).toBe(customersBefore + 3);
			expect(await count(after.page, 'count-interactions')).toBe(interactionsBefore + 3);
			expect(after.errors).toEqual([]);
		} finally {
			await after.page.close();
		}
	});

	it('is in Vietnamese when the language is Vietnamese', async () => {
		await context.addCookies([{ name: 'lang', value: 'vi', url: app.base }]);
		const { page, errors } = await open('/data');
		try {
			expect(await page.textContent('h1')).toBe('Dữ liệu');
			expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Dữ liệu');
			expect(errors).toEqual([]);
		} finally {
			await context.clearCookies();
			await page.close();
		}
	});
});
