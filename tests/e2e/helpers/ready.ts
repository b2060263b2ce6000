import type { Page } from 'playwright-core';

/** A panel in main that is still loading its data. */
export const LOADING_PANEL = 'main [data-state="loading"], main [aria-busy="true"]';

/**
 * Waits until a page is usable: the page says so with data-ready="true" (src/lib/components/ReadyMarker.svelte:
 * rendered in the browser, hydrated, with its data; a page that streams part of its data sets it only once that
 * part is shown) and no panel in main is still loading (data-state="loading" or aria-busy="true").
 * Every page sets the marker; a page without it never counts as usable.
 */
export async function waitUsable(page: Page, timeout = 30_000): Promise<void> {
	await page.waitForFunction(
		(loading) =>
			document.querySelector('[data-ready="true"]') !== null && document.querySelector(loading) === null,
		LOADING_PANEL,
		{ timeout, polling: 'raf' }
	);
}
