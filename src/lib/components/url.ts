import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/**
 * The dashboard's state lives in the URL so that a link reproduces the view and Back works. These helpers build
 * hrefs from the current URL with some parameters changed (null or '' removes one).
 */
export { FILTER_KEYS, filterSearch, type FilterKey } from '$lib/filters';

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

/** One value of a filter dimension and the customers who have it (/api/dimensions). */
export interface DimensionChoice {
	value: string;
	customers: number;
}

/**
 * The choices the filter bar offers (from the API), most customers first. A dimension's list is null when it could
 * not be loaded (the filter is then a free-text input) and empty when the data has no value of it (the filter is
 * hidden: Online Retail has countries but no regions).
 */
export interface FilterOptions {
	regions: DimensionChoice[] | null;
	countries: DimensionChoice[] | null;
	channels: DimensionChoice[] | null;
	acquisitionChannels: DimensionChoice[] | null;
	segments: { key: string; label: string }[];
}
