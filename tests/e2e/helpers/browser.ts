import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitUsable } from './ready';

/** Debian's Chromium (`apt-get install -y chromium`), at /usr/bin/chromium unless CRM_CHROMIUM says otherwise. */
export const CHROMIUM = process.env.CRM_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-dev-shm-usage'
];

/** Launches headless Chromium, or fails saying how to install it. */
export async function launchChromium(): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` ` +
				"(CI's .ci/run does), or point CRM_CHROMIUM at a Chromium binary."
		);
	}
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A page of the app at `base + path` in a context of its own (a viewport `width` wide, the 'lang' cookie set),
 * waited for until usable; `errors` collects console errors and page errors. Closing the page closes its context.
 */
export async function openPage(
	browser: Browser,
	base: string,
	path: string,
	{ width = 1440, lang = 'en', timeout = 30_000 }: { width?: number; lang?: string; timeout?: number } = {}
): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
	await context.addCookies([{ name: 'lang', value: lang, url: base }]);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(`console: ${m.text()}`);
	});
	page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
	// the context goes with its page; at the end the browser may be closing already
	page.on('close', () => void context.close().catch(() => undefined));
	await page.goto(`${base}${path}`);
	await waitUsable(page, timeout);
	return { page, errors };
}
