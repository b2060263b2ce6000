import type { Page } from 'playwright-core';

/**
 * Waits until a page is usable: it says so with data-ready="true" (set once hydrated with its data), or, for pages
 * that do not set the marker (unless `requireMarker`), every chart panel has left its loading state and at least
 * one chart or table is drawn.
 */
export async function waitUsable(
	page: Page,
	timeout = 30_000,
	requireMarker = false
): Promise<'marker' | 'charts'> {
	const how = await page.waitForFunction(
		(markerOnly) => {
			if (document.querySelector('[data-ready="true"]')) {
				const loading = document.querySelector('main [data-state="loading"], main [aria-busy="true"]');
				return loading ? false : 'marker';
			}
			if (markerOnly) return false;
			const main = document.querySelector('main');
			if (!main || main.querySelector('[data-state="loading"], [aria-busy="true"]')) return false;
			return main.querySelector('svg[role="img"], table tbody tr') ? 'charts' : false;
		},
		requireMarker,
		{ timeout, polling: 50 }
	);
	return (await how.jsonValue()) as 'marker' | 'charts';
}
