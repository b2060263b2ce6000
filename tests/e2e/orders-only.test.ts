/**
 * End-to-end on a file of orders alone (purchases only, like Online Retail II: no surveys, tickets, emails or web
 * visits), loaded with `crm ingest` into a fresh database and served by the production build in Debian's Chromium.
 * A panel empty because the data has none of its type says so (not "no data for these filters"); and on a phone
 * and a wide screen the layout holds: the menu button, the funnel's text, the migration matrix's labels and tooltip.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage } from './helpers/browser';
import { ensureBuild, root, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

const dir = join(root, 'tests', '.tmp', `e2e-orders-${randomUUID()}`);
let app: RunningApp;
let browser: Browser;

/** 40 customers, 1 to 6 orders each over 2024-2025 (deterministic), two channels, nothing but purchases. */
function ordersCsv(): string {
	const lines = ['customer_id,occurred_at,amount,order_id,channel'];
	let n = 0;
	for (let c = 1; c <= 40; c++) {
		const orders = 1 + ((c * 7) % 6);
		for (let k = 0; k < orders; k++) {
			n++;
			const day = new Date(Date.UTC(2024, 0, 1) + ((c * 37 + k * 83) % 700) * 86_400_000);
			const amount = 20 + ((c * 13 + k * 29) % 180);
			lines.push(`c${c},${day.toISOString().slice(0, 10)} 10:00,${amount},o${n},${c % 3 ? 'web' : 'store'}`);
		}
	}
	return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
	browser = await launchChromium();
	ensureBuild((m) => console.log(m));
	mkdirSync(dir, { recursive: true });
	const csv = join(dir, 'orders.csv');
	writeFileSync(csv, ordersCsv());
	const path = join(dir, 'crm.duckdb');
	const r = spawnSync(process.execPath, [join(root, 'bin', 'crm.js'), 'ingest', csv], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, CRM_DB: path }
	});
	if (r.status !== 0) throw new Error(`crm ingest failed:\n${r.stdout}\n${r.stderr}`);
	app = await startApp(path);
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	rmSync(dir, { recursive: true, force: true });
});

function open(path: string, width: number, lang = 'en'): Promise<{ page: Page; errors: string[] }> {
	return openPage(browser, app.base, path, { width, lang });
}

describe('a file of orders alone', () => {
	it('the CSAT and ticket panels say the data has no surveys and no tickets, in English and Vietnamese', async () => {
		for (const lang of ['en', 'vi']) {
			const { page, errors } = await open('/channels', 1360, lang);
			try {
				const csat = page.locator('[data-testid="chart-csat"]');
				expect(await csat.getAttribute('data-state')).toBe('empty');
				expect(await csat.locator('[data-missing]').getAttribute('data-missing')).toBe('survey');
				const tickets = page.locator('[data-testid="chart-tickets"]');
				expect(await tickets.locator('[data-missing]').getAttribute('data-missing')).toBe('support_ticket');
				const csatText = await csat.locator('.state').textContent();
				const ticketText = await tickets.locator('.state').textContent();
				if (lang === 'en') {
					expect(csatText).toContain('The loaded data has no surveys (type=survey)');
					expect(ticketText).toContain('no support tickets (type=support_ticket)');
				} else {
					expect(csatText).toContain('Dữ liệu đã nạp không có khảo sát (type=survey)');
					expect(ticketText).toContain('không có yêu cầu hỗ trợ (type=support_ticket)');
				}
				expect(csatText).not.toContain(lang === 'en' ? 'No data for these filters' : 'bộ lọc này');
				// the revenue panel has its purchases
				expect(await page.getAttribute('[data-testid="chart-channel-revenue"]', 'data-state')).toBe('ready');
				expect(errors).toEqual([]);
			} finally {
				await page.close();
			}
		}
	});

	it('filters that match nothing still say so where the data has the type', async () => {
		const { page } = await open('/channels?from=2024-01-01&to=2024-01-02&region=nowhere', 1360);
		try {
			const revenue = page.locator('[data-testid="chart-channel-revenue"]');
			expect(await revenue.getAttribute('data-state')).toBe('empty');
			expect(await revenue.locator('.state').textContent()).toContain('No data for these filters');
			expect(await revenue.locator('[data-missing]').count()).toBe(0);
		} finally {
			await page.close();
		}
	});

	it("a customer's timeline says which kinds of event the data has none of", async () => {
		const { page } = await open('/customers/c1', 1360);
		try {
			const note = page.locator('[data-testid="timeline-not-in-data"]');
			expect((await note.getAttribute('data-missing'))?.split(' ')).toEqual([
				'refund',
				'email_open',
				'email_click',
				'web_visit',
				'support_ticket',
				'call',
				'survey'
			]);
			expect(await note.textContent()).toContain('has no refunds, email opens');
		} finally {
			await page.close();
		}
	});
});

describe('layout on a phone (390 px) and a wide screen (1440 px)', () => {
	it('the menu button opens every page, Escape closes it and gives the focus back; wide screens show the links', async () => {
		const { page, errors } = await open('/channels', 390);
		try {
			const toggle = page.locator('[data-testid="nav-toggle"]');
			expect(await toggle.isVisible()).toBe(true);
			expect(await toggle.getAttribute('aria-expanded')).toBe('false');
			expect(await toggle.textContent()).toContain('Channels');
			expect(await page.locator('#nav-links').isVisible()).toBe(false);
			await toggle.click();
			expect(await toggle.getAttribute('aria-expanded')).toBe('true');
			const links = page.locator('#nav-links a');
			// every page of the nav (the overview, segments, ..., products, campaigns, goals, data, settings)
			const n = await links.count();
			expect(n).toBeGreaterThanOrEqual(13);
			for (let i = 0; i < n; i++) expect(await links.nth(i).isVisible()).toBe(true);
			// every link inside the screen, the current one focused
			const boxes = await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().right));
			expect(Math.max(...boxes)).toBeLessThanOrEqual(390);
			expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page');
			await page.keyboard.press('Escape');
			expect(await toggle.getAttribute('aria-expanded')).toBe('false');
			expect(await page.locator('#nav-links').isVisible()).toBe(false);
			expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
				'nav-toggle'
			);
			// a link followed closes it
			await toggle.click();
			await page.locator('#nav-links a', { hasText: 'Migration' }).click();
			await page.waitForURL(/\/migration/);
			await waitUsable(page);
			expect(await toggle.getAttribute('aria-expanded')).toBe('false');
			expect(await toggle.textContent()).toContain('Migration');
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
		const wide = await open('/channels', 1440);
		try {
			expect(await wide.page.locator('[data-testid="nav-toggle"]').isVisible()).toBe(false);
			expect(await wide.page.locator('#nav-links a').nth(8).isVisible()).toBe(true);
		} finally {
			await wide.page.close();
		}
	});

	it("the funnel's text fits inside the chart at 390 px", async () => {
		const { page } = await open('/channels', 390);
		try {
			const funnel = page.locator('[data-testid="chart-funnel"] svg[data-chart="funnel"]');
			const svg = (await funnel.boundingBox())!;
			const texts = await funnel
				.locator('text')
				.evaluateAll((ts) => ts.map((t) => ({ s: t.textContent, ...t.getBoundingClientRect().toJSON() })));
			expect(texts.some((t) => t.s?.includes('of previous'))).toBe(true);
			for (const t of texts) {
				expect(t.left, t.s ?? '').toBeGreaterThanOrEqual(svg.x - 0.5);
				expect(t.right, t.s ?? '').toBeLessThanOrEqual(svg.x + svg.width + 0.5);
			}
		} finally {
			await page.close();
		}
	});

	it('the migration matrix: column labels apart at 1440 px, its tooltip on the screen at 390 px', async () => {
		const wide = await open('/migration', 1440);
		try {
			// each label's anchor, angle and unturned size (svg px: the matrix's viewBox is its width)
			const labels = await wide.page
				.locator('[data-testid="migration-matrix"] text[data-col-label]')
				.evaluateAll((ts) =>
					(ts as SVGTextElement[]).map((t) => {
						const angle = Number(/rotate\((-?[\d.]+)/.exec(t.getAttribute('transform') ?? '')?.[1] ?? 0);
						const box = t.getBBox();
						return {
							x: t.x.baseVal[0]!.value,
							angle,
							w: box.width,
							h: box.height,
							right: t.getBoundingClientRect().right
						};
					})
				);
			expect(labels.length).toBeGreaterThan(3);
			for (let i = 1; i < labels.length; i++) {
				const [a, b] = [labels[i - 1]!, labels[i]!];
				if (b.angle === 0) expect(b.x - b.w / 2, `label ${i}`).toBeGreaterThanOrEqual(a.x + a.w / 2);
				// turned labels are parallel: apart when their lines are a text height apart
				else
					expect(
						(b.x - a.x) * Math.abs(Math.sin((b.angle * Math.PI) / 180)),
						`label ${i}`
					).toBeGreaterThanOrEqual(0.8 * b.h);
			}
			for (const l of labels) expect(l.right).toBeLessThanOrEqual(1440);
		} finally {
			await wide.page.close();
		}
		const { page } = await open('/migration', 390);
		try {
			const cells = page.locator('[data-testid="migration-matrix"] g.cell');
			expect(await cells.count()).toBeGreaterThan(0);
			for (const i of [0, (await cells.count()) - 1]) {
				await cells.nth(i).hover();
				const tip = page.locator('[data-testid="migration-matrix"] .tooltip');
				await tip.waitFor();
				const box = (await tip.boundingBox())!;
				expect(box.x).toBeGreaterThanOrEqual(0);
				expect(box.x + box.width).toBeLessThanOrEqual(390);
			}
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		} finally {
			await page.close();
		}
	});
});
