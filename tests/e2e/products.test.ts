/**
 * End-to-end (#17): on the Products page, open a pair -> the customers who bought A and not B -> save them as a list
 * -> the list's preview count equals the pair's count. The sample data has one product per order, so the database
 * is built here: 240 customers whose orders hold several products, A and B often together (seeded, no chance).
 * In Vietnamese at 390 px (no sideways scroll) and in English at 1440 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { insertLines, type Line } from '../affinity/helpers';
import { tempDb } from '../helpers/db';
import { launchChromium } from './helpers/browser';
import { ensureBuild, startApp, type RunningApp } from './helpers/app';
import { waitUsable } from './helpers/ready';

let app: RunningApp;
let browser: Browser;
let cleanup: () => void = () => undefined;

/** Customer i orders three times: A with B for i % 3 == 0, A alone (with C) otherwise; B alone for some. */
function lines(): Line[] {
	const out: Line[] = [];
	for (let i = 0; i < 240; i++) {
		const c = `c${i}`;
		const order = (k: number) => `o${i * 3 + k}`;
		if (i % 3 === 0) out.push([order(0), c, 'A', 'home'], [order(0), c, 'B', 'toys']);
		else out.push([order(0), c, 'A', 'home'], [order(0), c, 'C', 'toys']);
		if (i % 4 === 0) out.push([order(1), c, 'B', 'toys'], [order(1), c, 'D', 'garden']);
		out.push([order(2), c, 'C', 'toys'], [order(2), c, i % 2 ? 'D' : 'E', 'garden']);
	}
	return out;
}

beforeAll(async () => {
	browser = await launchChromium();
	ensureBuild((m) => console.log(m));
	const t = await tempDb();
	cleanup = t.cleanup;
	await insertLines(t.db, lines());
	await refreshDerived(t.db);
	t.db.close();
	app = await startApp(t.path);
}, 600_000);

afterAll(async () => {
	await browser?.close();
	await app?.stop();
	cleanup();
});

describe('Products: a pair -> bought A and not B -> a list', { timeout: 180_000 }, () => {
	for (const [width, lang] of [
		[390, 'vi'],
		[1440, 'en']
	] as const) {
		it(`saves the customers of a pair as a list whose preview has the pair's count (${lang}, ${width} px)`, async () => {
			const context = await browser.newContext({ viewport: { width, height: 900 } });
			await context.addCookies([{ name: 'lang', value: lang, url: app.base }]);
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (e) => errors.push(e.message));
			try {
				await page.goto(`${app.base}/products?min_orders=5`);
				await waitUsable(page);
				// the pair (A, B): the row whose first two cells are A and B
				const rows = page.locator('[data-testid="affinity-table"] tbody tr');
				const cells = await rows.evaluateAll((trs) =>
					trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim()))
				);
				const at = cells.findIndex(([a, b]) => a === 'A' && b === 'B');
				expect(at, JSON.stringify(cells)).toBeGreaterThanOrEqual(0);
				await rows.nth(at).locator('button').first().click();
				const count = page.locator('[data-testid="a-not-b"]');
				await count.waitFor();
				const n = Number(await count.getAttribute('data-count'));
				// by construction everyone bought A; B those with i % 3 == 0 or i % 4 == 0
				expect(n).toBe([...Array(240).keys()].filter((i) => i % 3 !== 0 && i % 4 !== 0).length);
				const name = `e2e A not B ${lang}`;
				await page.locator('[data-testid="pair-customers"] input').fill(name);
				await page.locator('[data-testid="save-pair"]').click();
				await page.locator('[data-testid="pair-customers"] [role="status"]').waitFor();
				const lists = (await (await fetch(`${app.base}/api/lists`)).json()) as {
					name: string;
					rule: unknown;
				}[];
				const saved = lists.find((l) => l.name === name);
				expect(saved).toBeDefined();
				const preview = (await (
					await fetch(`${app.base}/api/list-preview`, {
						method: 'POST',
						headers: { 'content-type': 'application/json', origin: app.base },
						body: JSON.stringify({ rule: saved!.rule })
					})
				).json()) as { members: number };
				expect(preview.members).toBe(n);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
				expect(errors).toEqual([]);
			} finally {
				await context.close();
			}
		});
	}
});
