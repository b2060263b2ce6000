import { FILTER_KEYS } from '$lib/components/url';
import type { Params } from './client';

export const GRAIN_VALUES = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type GrainValue = (typeof GRAIN_VALUES)[number];

/** The page's grain (URL 'grain', default month). */
export function grainOf(url: URL): GrainValue {
	const g = url.searchParams.get('grain');
	return (GRAIN_VALUES as readonly string[]).includes(g ?? '') ? (g as GrainValue) : 'month';
}

/**
 * The URL's global filters as metrics API parameters: the URL's 'grain' is the API's 'period'; empty values are
 * left out (the API treats absent as "not filtered").
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
