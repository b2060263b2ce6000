import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/**
 * The dashboard's state lives in the URL so that a link reproduces the view and Back works. These helpers build
 * hrefs from the current URL with some parameters changed (null or '' removes one).
 */
export const FILTER_KEYS = [
	'from',
	'to',
	'grain',
	'region',
	'channel',
	'acquisition_channel',
	'segment'
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type ParamChanges = Record<string, string | number | null | undefined>;

/** `url`'s search with `changes` applied, as '?a=1&b=2' (or '?' when nothing is left). */
export function searchWith(url: URL, changes: ParamChanges): string {
	const params = new URLSearchParams(url.search);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === undefined || value === '') params.delete(key);
		else params.set(key, String(value));
	}
	const s = params.toString();
	return s ? `?${s}` : '?';
}

/** An internal link: `pathWithSearch` ('/segments/x?a=1') under the app's base path. */
export function appHref(pathWithSearch: string): ResolvedPathname {
	// resolve() is typed per route; links here are built from the current URL and known paths
	return (resolve as (path: string) => ResolvedPathname)(pathWithSearch);
}

/** `path` with `changes` applied to the current URL's parameters. */
export function hrefWith(url: URL, changes: ParamChanges, path = url.pathname): ResolvedPathname {
	const s = searchWith(url, changes);
	return appHref(s === '?' ? path : `${path}${s}`);
}

/** Only the global filters of `url` (to carry them from one page to another). */
export function filterSearch(url: URL): string {
	const params = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const v = url.searchParams.get(key);
		if (v) params.set(key, v);
	}
	const s = params.toString();
	return s ? `?${s}` : '';
}

/** The choices the filter bar offers (from the API; free text inputs when a list is empty). */
export interface FilterOptions {
	regions: string[];
	channels: string[];
	acquisitionChannels: string[];
	segments: { key: string; label: string }[];
}
