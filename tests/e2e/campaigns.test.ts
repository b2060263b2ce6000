/**
 * End-to-end: build a list -> launch a campaign with a 10% holdout from the Campaigns page -> its results page
 * shows the groups, the lift and its interval. The sample data carries a past campaign whose response the
 * generator made (crm demo --campaigns 1, a known effect): its page shows a lift whose interval holds the truth.
 * In Vietnamese, at 390 px, without sideways scrolling.
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
	const db = demoDatabase(1500, 7, ['--campaigns', '1', '--campaign-effect', '0.2']);
	cleanupDb = db.cleanup;
	app = await startApp(db.path);
	context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await context.addCookies([{ name: 'lang', value: 'vi', url: app.base }]);
}, 600_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await app?.stop();
	cleanupDb();
});

type CampaignRow = { campaignId: number; name: string; sendDate: string; trueConversionLift: number | null };

describe('campaigns', { timeout: 180_000 }, () => {
	it('launches a campaign with a 10% holdout and shows its lift and interval', async () => {
		const saved = await fetch(`${app.base}/api/lists`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.base },
			body: JSON.stringify({ name: 'e2e buyers', rule: { field: 'orders', op: '>=', value: 1 } })
		});
		expect(saved.status).toBe(200);
		const campaigns = (await (await fetch(`${app.base}/api/campaigns?format=json`)).json()) as CampaignRow[];
		const demo = campaigns[0]!;
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		try {
			await page.goto(`${app.base}/campaigns`);
			await waitUsable(page);
			const form = page.locator('[data-testid="new-campaign"]');
			await form.locator('input[name="name"]').fill('E2E winback');
			await form.locator('select[name="list"]').selectOption('e2e buyers');
			await form.locator('input[name="sendDate"]').fill(demo.sendDate);
			expect(await form.locator('input[name="holdout"]').inputValue()).toBe('10');
			await form.locator('button[type="submit"]').click();
			await page.waitForURL(/\/campaigns\/\d+$/);
			await waitUsable(page);
			const rows = await page.locator('[data-testid="groups"] tbody tr td:nth-child(2)').allTextContents();
			const [treated, control] = rows.map((r) => Number(r.replace(/\D/g, '')));
			expect(Math.abs(control! / (treated! + control!) - 0.1)).toBeLessThan(0.01);
			await expect
				.poll(() => page.locator('[data-testid="lift-interval"]').textContent())
				.toMatch(/^Khoảng tin cậy 95% từ [-−]?\d[\d.,]* đến [-−]?\d[\d.,]*$/);
			expect(await page.locator('[data-testid="daily"] svg').count()).toBeGreaterThan(0);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

			// the generator's campaign: a real effect, found, and its interval holds the truth
			await page.goto(`${app.base}/campaigns/${demo.campaignId}`);
			await waitUsable(page);
			expect(await page.locator('[data-testid="verdict"]').getAttribute('data-verdict')).toBe('positive');
			const lift = (await (
				await fetch(`${app.base}/api/campaigns/${demo.campaignId}?format=json`)
			).json()) as { conversionLiftLow: number; conversionLiftHigh: number }[];
			expect(lift[0]!.conversionLiftLow).toBeLessThanOrEqual(demo.trueConversionLift!);
			expect(lift[0]!.conversionLiftHigh).toBeGreaterThanOrEqual(demo.trueConversionLift!);
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});
});
