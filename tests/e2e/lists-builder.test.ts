/**
 * End-to-end: the list builder speaks people's words. In Vietnamese a segment condition offers the segments by
 * name, operators are words, the sample names segments and stages; the export written from the page has a BOM,
 * Vietnamese names beside their codes and no personal data unless the contact box is ticked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { demoDatabase, ensureBuild, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let cleanupDb: () => void = () => undefined;

beforeAll(async () => {
	browser = await launchChromium();
	ensureBuild((m) => console.log(m));
	const db = demoDatabase(600);
	cleanupDb = db.cleanup;
	app = await startApp(db.path);
	context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	await context.addCookies([{ name: 'lang', value: 'vi', url: app.base }]);
}, 600_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await app?.stop();
	cleanupDb();
});

describe('the list builder in Vietnamese', { timeout: 120_000 }, () => {
	it('offers names and words, and exports names with a BOM', async () => {
		const names = (await (await fetch(`${app.base}/api/segment-names?format=json`)).json()) as {
			segment: string;
			name_vi: string;
		}[];
		const champions = names.find((n) => n.segment === 'champions')!;
		const rule = JSON.stringify({ field: 'rfm_segment', op: '=', value: 'champions' });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		try {
			await page.goto(`${app.base}/lists/new?rule=${encodeURIComponent(rule)}`);
			await waitUsable(page);
			// the operator in words, the value chosen by name
			const op = page.locator('[data-testid="operator"]');
			expect(await op.locator('option:checked').textContent()).toBe('là');
			const value = page.locator('[data-testid="value-select"]');
			expect(await value.inputValue()).toBe('champions');
			expect(await value.locator('option:checked').textContent()).toBe(champions.name_vi);
			// the field list reads in Vietnamese, with its groups
			const field = page.locator('[data-testid="field"]');
			const groups = await field
				.locator('optgroup')
				.evaluateAll((els) => els.map((e) => e.getAttribute('label')));
			expect(groups).toEqual(expect.arrayContaining(['RFM', 'Hồ sơ', 'Dự báo', 'Hoạt động']));
			expect(await field.locator('option:checked').textContent()).toBe('Phân khúc RFM');
			// a sample of members: segments by name, never the code
			await page.waitForSelector('td[data-segment="champions"]');
			const cells = await page.locator('td[data-segment]').allTextContents();
			expect(cells.length).toBeGreaterThan(0);
			expect(new Set(cells)).toEqual(new Set([champions.name_vi]));
			const stages = await page.locator('td[data-stage]').allTextContents();
			expect(stages.some((s) => /^[a-z_]+$/.test(s))).toBe(false);

			// export: names in Vietnamese (the UI's language), no contact details by default
			expect(await page.locator('[data-testid="export-lang"]').inputValue()).toBe('vi');
			expect(await page.locator('[data-testid="export-contact"]').isChecked()).toBe(false);
			await page.locator('[data-testid="export"]').click();
			const link = page.locator('[data-testid="export-result"] + a');
			await link.waitFor();
			const res = await fetch(`${app.base}${await link.getAttribute('href')}`);
			const bytes = Buffer.from(await res.arrayBuffer());
			expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
			const header = lines[0]!.split(',');
			expect(header).toContain('rfm_segment_code');
			expect(header).not.toContain('email');
			const seg = header.indexOf('rfm_segment');
			expect(lines.slice(1).every((l) => l.split(',')[seg] === champions.name_vi)).toBe(true);
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});
});
