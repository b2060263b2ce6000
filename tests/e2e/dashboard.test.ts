/**
 * End-to-end: the production build against a small generated database, driven in Debian's Chromium.
 * Every page renders its charts with data and no console errors; numbers on screen equal the API's; a filter
 * changes the numbers and the URL; a chart click leads to the right customer list; Vietnamese switches text and
 * number formats. Screenshots of every page go to screenshots/ (git-ignored).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser';
import { demoDatabase, ensureBuild, root, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

const SHOTS = join(root, 'screenshots');
let app: RunningApp;
let browser: Browser;
let context: BrowserContext;
let cleanupDb: () => void = () => undefined;

beforeAll(async () => {
	// Fail first, with the fix, when there is no browser.
	browser = await launchChromium();
	ensureBuild((m) => console.log(m));
	const db = demoDatabase(2000);
	cleanupDb = db.cleanup;
	app = await startApp(db.path);
	context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
	mkdirSync(SHOTS, { recursive: true });
}, 600_000);

afterAll(async () => {
	await context?.close();
	await browser?.close();
	await app?.stop();
	cleanupDb();
});

async function api<T>(path: string): Promise<{ rows: T; total: number | null }> {
	const sep = path.includes('?') ? '&' : '?';
	const res = await fetch(`${app.base}${path}${sep}format=json`);
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	const total = res.headers.get('x-total-count');
	return { rows: (await res.json()) as T, total: total === null ? null : Number(total) };
}

/** Opens a page, waits until it is usable, and collects console errors and failed requests. */
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

const shot = (page: Page, name: string) =>
	page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const dataValue = async (page: Page, selector: string) =>
	Number(await page.getAttribute(selector, 'data-value'));
const vnd = (lang: string, n: number) =>
	new Intl.NumberFormat(lang, { style: 'currency', currency: 'VND', maximumFractionDigits: 0 }).format(n);

interface ListRow {
	customer_id: string;
	net_revenue: number;
	email: string | null;
}

describe('every page renders its charts with data and no console errors', () => {
	const pages = [
		['overview', '/'],
		['segments', '/segments'],
		['cohorts', '/cohorts'],
		['customers', '/customers'],
		['channels', '/channels'],
		['models', '/models'],
		['migration', '/migration']
	] as const;
	for (const [name, path] of pages) {
		it(name, async () => {
			const { page, errors } = await open(path);
			try {
				await shot(page, name);
				const charts = await page.locator('main svg[role="img"]').count();
				const rows = await page.locator('main table tbody tr').count();
				expect(charts + rows).toBeGreaterThan(0);
				expect(await page.locator('main [data-state="error"]').count()).toBe(0);
				expect(errors).toEqual([]);
			} finally {
				await page.close();
			}
		});
	}
});

describe('the numbers on screen are the API’s', () => {
	it('customer list: total, order and masked contacts', async () => {
		const expected = await api<ListRow[]>('/api/customers?sort=net_revenue&dir=desc');
		const { page } = await open('/customers');
		try {
			expect(await dataValue(page, '[data-testid="customers-total"]')).toBe(expected.total);
			const ids = await page
				.locator('[data-testid="customers-table"] tbody tr')
				.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-customer')));
			expect(ids).toEqual(expected.rows.map((r) => r.customer_id));
			const first = page.locator('[data-testid="customers-table"] tbody tr').first();
			expect(await first.locator('td.num[data-value]').first().textContent()).toBe(
				vnd('en', expected.rows[0]!.net_revenue)
			);
			// contacts are masked in lists
			expect(await first.locator('.contact-cell').textContent()).toContain('•••');
		} finally {
			await page.close();
		}
	});

	it('customer 360: charts drawn, value, P(alive) and CLV', async () => {
		const top = await api<ListRow[]>('/api/customers?sort=orders&page_size=1');
		const id = top.rows[0]!.customer_id;
		const profile = (
			await api<{ orders: number; net_revenue: number; email: string }[]>(`/api/customer/${id}`)
		).rows[0]!;
		const prediction = (
			await api<{ p_alive: number; predicted_clv: number }[]>(`/api/customer/${id}/predictions`)
		).rows[0]!;
		const { page, errors } = await open(`/customers/${id}`);
		try {
			await shot(page, 'customer-360');
			for (const chart of ['chart-timeline', 'chart-palive']) {
				expect(await page.getAttribute(`[data-testid="${chart}"]`, 'data-state')).toBe('ready');
			}
			expect(Number(await page.getAttribute('[data-chart="timeline"]', 'data-points'))).toBeGreaterThan(0);
			expect(errors).toEqual([]);
			expect(await dataValue(page, '[data-testid="customer-orders"]')).toBe(profile.orders);
			expect(await page.textContent('[data-testid="customer-revenue"]')).toBe(vnd('en', profile.net_revenue));
			expect(await dataValue(page, '[data-testid="customer-palive"]')).toBeCloseTo(prediction.p_alive, 12);
			expect(await page.textContent('[data-testid="customer-clv"]')).toBe(
				vnd('en', prediction.predicted_clv)
			);
			// the person opened this customer: the full contact is shown here
			expect(await page.textContent('main')).toContain(profile.email);
		} finally {
			await page.close();
		}
	});

	it('journey funnel and model parameters', async () => {
		const funnel = (await api<{ stage: string; customers_nested: number }[]>('/api/funnel')).rows;
		const fits = (
			await api<{ model: string; param: string | null; estimate: number | null }[]>('/api/models/fits')
		).rows;
		const channels = await open('/channels');
		try {
			for (const step of funnel) {
				expect(await dataValue(channels.page, `[data-step="${step.stage}"]`)).toBe(step.customers_nested);
			}
		} finally {
			await channels.page.close();
		}
		const models = await open('/models');
		try {
			const bg = fits.filter((f) => f.model === 'bgnbd' && f.param);
			expect(bg.map((f) => f.param).sort()).toEqual(['a', 'alpha', 'b', 'r']);
			for (const p of bg) {
				expect(await dataValue(models.page, `[data-model="bgnbd"] [data-param="${p.param}"]`)).toBe(
					p.estimate
				);
			}
			expect(await models.page.locator('[data-chart="calibration"]').count()).toBe(1);
		} finally {
			await models.page.close();
		}
	});
});

describe('filters live in the URL and change the numbers', () => {
	it('region filter on the customer list', async () => {
		const all = await api<ListRow[]>('/api/customers?page_size=1');
		const regions = (await api<{ region: string }[]>('/api/customers?page_size=200&sort=customer_id')).rows
			.map((r) => r.region)
			.filter(Boolean);
		const region = regions[0]!;
		const filtered = await api<ListRow[]>(`/api/customers?page_size=1&region=${encodeURIComponent(region)}`);
		expect(filtered.total).toBeLessThan(all.total!);
		const { page } = await open('/customers');
		try {
			const field = page.locator('[data-testid="filter-bar"] [name="region"]');
			if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(region);
			else {
				await field.fill(region);
				await field.press('Enter');
			}
			await page.waitForURL((u) => u.searchParams.get('region') === region);
			await page.waitForFunction(
				(n) =>
					document.querySelector('[data-testid="customers-total"]')?.getAttribute('data-value') === String(n),
				filtered.total
			);
			expect(await dataValue(page, '[data-testid="customers-total"]')).toBe(filtered.total);
			await page.goBack();
			await page.waitForURL((u) => !u.searchParams.has('region'));
			await page.waitForFunction(
				(n) =>
					document.querySelector('[data-testid="customers-total"]')?.getAttribute('data-value') === String(n),
				all.total
			);
		} finally {
			await page.close();
		}
	});

	it('the filter bar offers the regions and countries that exist, with their customers, as selects', async () => {
		const { rows } = await api<{ dimension: string; value: string; customers: number }[]>('/api/dimensions');
		const { page } = await open('/customers');
		try {
			for (const dim of ['region', 'country']) {
				const values = rows.filter((r) => r.dimension === dim);
				expect(values.length, dim).toBeGreaterThan(0);
				const field = page.locator(`[data-testid="filter-bar"] select[name="${dim}"]`);
				const labels = await field.locator('option:not([value=""])').allTextContents();
				expect(labels).toEqual(values.map((v) => `${v.value} (${v.customers.toLocaleString('en')})`));
			}
			const country = rows.find((r) => r.dimension === 'country')!;
			const filtered = await api<ListRow[]>(
				`/api/customers?page_size=1&country=${encodeURIComponent(country.value)}`
			);
			await page.locator('[data-testid="filter-bar"] select[name="country"]').selectOption(country.value);
			await page.waitForURL((u) => u.searchParams.get('country') === country.value);
			await page.waitForFunction(
				(n) =>
					document.querySelector('[data-testid="customers-total"]')?.getAttribute('data-value') === String(n),
				filtered.total
			);
			expect(filtered.total).toBe(country.customers);
		} finally {
			await page.close();
		}
	});

	it('date range on the channels page changes the funnel', async () => {
		const from = '2025-01-01';
		const before = (await api<{ customers_nested: number }[]>('/api/funnel')).rows[0]!.customers_nested;
		const after = (await api<{ customers_nested: number }[]>(`/api/funnel?from=${from}`)).rows[0]!
			.customers_nested;
		expect(after).toBeLessThan(before);
		const { page } = await open('/channels');
		try {
			await page.fill('[data-testid="filter-from"]', from);
			await page.locator('[data-testid="filter-bar"] button[type="submit"]').click();
			await page.waitForURL((u) => u.searchParams.get('from') === from);
			await page.waitForFunction(
				(n) =>
					document.querySelector('[data-step="any_interaction"]')?.getAttribute('data-value') === String(n),
				after
			);
		} finally {
			await page.close();
		}
	});
});

describe('a chart click leads to the right customer list', () => {
	it('journey funnel step -> its customers', async () => {
		const step = (await api<{ stage: string; customers_nested: number }[]>('/api/funnel')).rows.find(
			(r) => r.stage === 'repeat_purchase'
		)!;
		const { page } = await open('/channels');
		try {
			await page.locator('[data-step="repeat_purchase"]').click();
			await page.waitForURL(
				(u) => u.pathname === '/customers' && u.searchParams.get('funnel_step') === 'repeat_purchase'
			);
			await waitUsable(page);
			expect(await dataValue(page, '[data-testid="customers-total"]')).toBe(step.customers_nested);
			await shot(page, 'customers-funnel-step');
		} finally {
			await page.close();
		}
	});

	it('R x F grid cell -> its customers, saved as a list with the same members', async () => {
		const cells = (await api<{ r_score: number; f_score: number; customers: number }[]>('/api/rfm-grid'))
			.rows;
		const cell = cells.filter((c) => c.customers > 0).sort((a, b) => b.customers - a.customers)[0]!;
		const { page, errors } = await open('/segments');
		try {
			await page
				.locator(`[data-chart="heatmap"] [data-row="${cell.f_score}"][data-col="${cell.r_score}"]`)
				.click();
			await page.waitForURL(
				(u) =>
					u.pathname === '/customers' &&
					u.searchParams.get('r') === String(cell.r_score) &&
					u.searchParams.get('f') === String(cell.f_score)
			);
			await waitUsable(page);
			expect(await dataValue(page, '[data-testid="customers-total"]')).toBe(cell.customers);
			const name = `e2e cell R${cell.r_score} F${cell.f_score}`;
			await page.locator('[data-testid="save-list"] input[name="name"]').fill(name);
			await page.locator('[data-testid="save-list"] button[type="submit"]').click();
			await page.waitForURL((u) => u.pathname === `/lists/${encodeURIComponent(name)}`);
			await waitUsable(page);
			const lists = (await (await fetch(`${app.base}/api/lists`)).json()) as {
				name: string;
				rule: { and: { field: string; op: string; value: number }[] };
			}[];
			const saved = lists.find((l) => l.name === name);
			// saved as the cell's rule (a living list), not its ids
			expect(saved?.rule).toEqual({
				and: [
					{ field: 'r_score', op: '=', value: cell.r_score },
					{ field: 'f_score', op: '=', value: cell.f_score }
				]
			});
			const preview = (await (
				await fetch(`${app.base}/api/list-preview`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: app.base },
					body: JSON.stringify({ rule: saved!.rule })
				})
			).json()) as { members: number };
			expect(preview.members).toBe(cell.customers);
			expect(errors).toEqual([]);
			await shot(page, 'list-from-rfm-cell');
		} finally {
			await page.close();
		}
	});

	it('cohort heatmap cell -> the cohort customers who bought in that period', async () => {
		const rows = (
			await api<{ cohort: string | null; k: number; customers: number; is_average: boolean }[]>(
				'/api/cohorts?period=month&mode=on'
			)
		).rows;
		const cell = rows
			.filter((r) => r.cohort && !r.is_average && r.k === 1 && r.customers > 0)
			.sort((a, b) => b.customers - a.customers)[0]!;
		const { page, errors } = await open('/cohorts');
		try {
			await page.locator(`main [data-chart="heatmap"] [data-row="c:${cell.cohort}"][data-col="1"]`).click();
			await page.waitForURL(
				(u) =>
					u.pathname === '/customers' &&
					u.searchParams.get('cohort') === cell.cohort &&
					u.searchParams.get('k') === '1'
			);
			await waitUsable(page);
			expect(await dataValue(page, '[data-testid="customers-total"]')).toBe(cell.customers);
			expect(errors).toEqual([]);
			await shot(page, 'customers-cohort-cell');
		} finally {
			await page.close();
		}
	});

	it('keyboard: Enter on a funnel step does the same', async () => {
		const { page } = await open('/channels');
		try {
			await page.locator('[data-step="loyal"]').focus();
			await page.keyboard.press('Enter');
			await page.waitForURL((u) => u.searchParams.get('funnel_step') === 'loyal');
		} finally {
			await page.close();
		}
	});
});

describe('Vietnamese', () => {
	it('switching to VI shows Vietnamese text and vi-VN formats', async () => {
		const top = await api<ListRow[]>('/api/customers?sort=net_revenue&page_size=1');
		const id = top.rows[0]!.customer_id;
		const profile = (await api<{ net_revenue: number }[]>(`/api/customer/${id}`)).rows[0]!;
		const { page } = await open(`/customers/${id}`);
		try {
			await page.locator('[data-testid="lang-vi"]').click();
			await page.waitForFunction(() => document.documentElement.lang === 'vi');
			await page.waitForFunction(() => document.querySelector('#h-profile')?.textContent === 'Hồ sơ');
			const revenue = await page.textContent('[data-testid="customer-revenue"]');
			expect(revenue).toBe(vnd('vi-VN', profile.net_revenue));
			expect(revenue).toMatch(/^[\d.]+\s₫$/);
			await shot(page, 'customer-360-vi');
			// remembered: a new page load stays Vietnamese
			await page.goto(`${app.base}/channels`);
			await waitUsable(page);
			expect(await page.textContent('h1')).toBe('Kênh và hành trình');
			await shot(page, 'channels-vi');
		} finally {
			await context.clearCookies();
			await page.close();
		}
	});
});

describe('parts the server already keeps are in the server-rendered page', () => {
	const cases = [
		['overview: mix over time and CLV of the base', '/', ['/api/segment-mix', '/api/clv-summary']],
		['segments: distributions', '/segments', ['/api/distributions']]
	] as const;
	for (const [name, path, parts] of cases) {
		it(name, async () => {
			// the server keeps an answer once it has computed it for anyone
			for (const part of parts) await api(part);
			const html = await (await fetch(`${app.base}${path}`)).text();
			expect(html).toContain('data-shown="true"');
			expect(html).not.toContain('data-state="loading"');
			const { page, errors } = await open(path);
			try {
				expect(await page.locator('main [data-state="loading"]').count()).toBe(0);
				expect(await page.locator('main svg[role="img"]').count()).toBeGreaterThan(0);
				expect(errors).toEqual([]);
			} finally {
				await page.close();
			}
		});
	}

	it('a view the server has not computed yet streams it: shown as loading, then filled in', async () => {
		const { rows } = await api<{ value: string; dimension: string }[]>('/api/dimensions');
		const region = rows.find((r) => r.dimension === 'region')?.value;
		expect(region).toBeDefined();
		// a region nobody has asked about: its distributions are not kept yet
		const path = `/segments?region=${encodeURIComponent(region!)}&to=2025-06-30`;
		const html = await (await fetch(`${app.base}${path}`)).text();
		expect(html).toContain('data-state="loading"');
		expect(html).not.toContain('data-shown="true"');
		const { page, errors } = await open(path);
		try {
			expect(await page.locator('main [data-state="loading"]').count()).toBe(0);
			expect(await page.locator('[data-shown="true"]').count()).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await page.close();
		}
	});

	it('every page fits a 390 px phone in English and Vietnamese: nothing scrolls sideways', async () => {
		const top = await api<ListRow[]>('/api/customers?sort=orders&page_size=1');
		const pages = ['/', '/segments', '/cohorts', '/customers', `/customers/${top.rows[0]!.customer_id}`];
		pages.push('/channels', '/models', '/lists', '/migration', '/data', '/settings');
		const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
		try {
			for (const lang of ['en', 'vi']) {
				await phone.addCookies([{ name: 'lang', value: lang, url: app.base }]);
				const page = await phone.newPage();
				try {
					for (const path of pages) {
						await page.goto(`${app.base}${path}`);
						await waitUsable(page);
						const width = await page.evaluate(() => document.documentElement.scrollWidth);
						expect(width, `${lang} ${path} is ${width} px wide`).toBeLessThanOrEqual(390);
					}
				} finally {
					await page.close();
				}
			}
		} finally {
			await phone.close();
		}
	});
});
