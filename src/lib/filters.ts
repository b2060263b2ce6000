/**
 * The dashboard's filter state, declared once: its keys, grains and lifecycle stages, and how the URL becomes the
 * API's parameters. The URL is the state (a link reproduces the view); the filter bar writes it
 * (components/FilterBar.svelte), page loads read it here (metricParams / snapshotParams), the API validates the same
 * keys with the zod schema built from these lists (server/metrics/filters.ts filtersSchema), and filterParams binds
 * them to SQL as named parameters. The CLI's options name the same keys. Pure values and functions: no zod, no
 * SvelteKit, so the browser, the server and the CLI can all import it.
 */

/** The period lengths a metric can be grouped by (URL 'grain', the API's 'period'). */
export const GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Grain = (typeof GRAINS)[number];
export const DEFAULT_GRAIN: Grain = 'month';

/** Lifecycle stages, in the order a customer moves through them (the order pages show them in). */
export const LIFECYCLE_STAGES = ['new', 'active', 'reactivated', 'at_risk', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** The global filters a page's URL may carry (the filter bar's fields). */
export const FILTER_KEYS = [
	'from',
	'to',
	'grain',
	'region',
	'country',
	'channel',
	'acquisition_channel',
	'segment'
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** A request's query parameters: empty values are left out of the URL (the API reads absent as "not filtered"). */
export type Params = Record<string, string | number | boolean | null | undefined>;

const isGrain = (g: string | null): g is Grain => (GRAINS as readonly (string | null)[]).includes(g);

/** The page's grain (URL 'grain', default month). */
export function grainOf(url: URL): Grain {
	const g = url.searchParams.get('grain');
	return isGrain(g) ? g : DEFAULT_GRAIN;
}

/**
 * The URL's global filters as metrics API parameters: the URL's 'grain' is the API's 'period'; empty values are
 * left out.
 */
export function metricParams(url: URL, extra: Params = {}): Params {
	const out: Params = {};
	for (const key of FILTER_KEYS) {
		if (key === 'grain') continue;
		const v = url.searchParams.get(key);
		if (v) out[key] = v;
	}
	out.period = grainOf(url);
	return { ...out, ...extra };
}

/** The filters only (no period), for endpoints that take a snapshot rather than periods. */
export function snapshotParams(url: URL, extra: Params = {}): Params {
	const { period: _period, ...rest } = metricParams(url);
	return { ...rest, ...extra };
}

/** Only the global filters of `url`, as '?a=1' or '' (to carry them from one page to another). */
export function filterSearch(url: URL): string {
	const params = new URLSearchParams();
	for (const key of FILTER_KEYS) {
		const v = url.searchParams.get(key);
		if (v) params.set(key, v);
	}
	const s = params.toString();
	return s ? `?${s}` : '';
}
