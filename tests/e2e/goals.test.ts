/**
 * End-to-end (#15): leadership creates a goal from the Overview, sees its pacing chart and status, adds a PDCA cycle
 * (its marker appears on the chart); the Overview then shows the goal first. In Vietnamese at 390 px (no sideways
 * scroll).
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
	context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	await context.addCookies([{ name: 'lang', value: 'vi', url: app.base }]);
}, 600_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await app?.stop();
	cleanupDb();
});

const noSideways = () => document.documentElement.scrollWidth <= window.innerWidth;

describe('goals from the Overview', { timeout: 180_000 }, () => {
	it('creates a goal, shows its pacing and status, adds a PDCA cycle; the Overview lists it first', async () => {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${app.base}/`);
		await waitUsable(page);
		await page.locator('[data-testid="add-goal"]').click();
		await page.waitForURL(/\/goals/);
		await waitUsable(page);

		// the form shows the KPI's baseline and range in the scope; choosing revenue puts it in the URL
		await page.locator('[data-testid="goal-form"] select[name="kpi"]').selectOption('revenue');
		await page.waitForURL(/kpi=revenue/);
		await expect
			.poll(() => page.locator('[data-testid="goal-history"]').textContent())
			.toMatch(/Mức cơ sở .*£|Mức cơ sở/);
		const goals = (await (await fetch(`${app.base}/api/goals?format=json`)).json()) as unknown[];
		expect(goals).toEqual([]);
		await page.fill('[data-testid="goal-form"] input[name="target"]', '1000000000000');
		await page.fill('[data-testid="goal-form"] input[name="deadline"]', '2026-06-30');
		await page.fill('[data-testid="goal-form"] input[name="owner"]', 'Lan');
		await page.locator('[data-testid="goal-form"] button[type="submit"]').click();
		const card = page.locator('[data-testid="goal-card"]');
		await card.waitFor();
		// a target far above anything in the data: off track, and the page says so in Vietnamese
		expect(await card.getAttribute('data-status')).toBe('off_track');
		expect(await card.locator('[data-testid="goal-status"]').textContent()).toBe('Chệch tiến độ');
		expect(await card.locator('svg path').count()).toBeGreaterThan(2);
		const api = (await (await fetch(`${app.base}/api/goals?format=json`)).json()) as {
			status: string;
			kpi: string;
		}[];
		expect(api).toMatchObject([{ kpi: 'revenue', status: 'off_track' }]);

		// a PDCA cycle: plan and Do date; the check is computed and the marker drawn
		await card.locator('[data-testid="pdca"] input[name="plan"]').fill('Gửi email kích hoạt lại');
		await card.locator('[data-testid="pdca"] input[name="do"]').fill('2025-09-15');
		await card.locator('[data-testid="pdca"] button[type="submit"]').click();
		await card.locator('[data-testid="pdca-cycle"]').waitFor();
		expect(await card.locator('[data-testid="pdca-check"]').textContent()).toMatch(/trước .+ → sau .+/);
		await expect.poll(() => card.locator('[data-testid="chart-marker"]').count()).toBe(1);
		expect(await page.evaluate(noSideways)).toBe(true);

		// the Overview: the goal's status comes first, above the KPI cards
		await page.goto(`${app.base}/`);
		await waitUsable(page);
		const strip = page.locator('[data-testid="overview-goals"]');
		expect(await strip.locator('[data-testid="goal-status"]').textContent()).toBe('Chệch tiến độ');
		const stripBox = (await strip.boundingBox())!;
		const kpiBox = (await page.locator('section.kpi-grid').boundingBox())!;
		expect(stripBox.y).toBeLessThan(kpiBox.y);
		expect(await page.evaluate(noSideways)).toBe(true);
		expect(errors).toEqual([]);
		await page.close();
	});
});
