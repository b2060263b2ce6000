import { api, grainOf, metricParams } from '$lib/api';
import type { PageLoad } from './$types';

const MODES = ['on', 'on-or-after', 'revenue'] as const;
const BREAKDOWNS = ['acquisition_channel', 'region', 'country', 'first_order_channel'] as const;
export type CohortMode = (typeof MODES)[number];

/** The cohort grid (mode and breakdown in the URL) and the lifecycle flows; cohorts are weekly at the finest. */
export const load: PageLoad = async ({ fetch, url }) => {
	const m = url.searchParams.get('mode');
	const b = url.searchParams.get('breakdown');
	const mode: CohortMode = (MODES as readonly string[]).includes(m ?? '') ? (m as CohortMode) : 'on';
	const breakdown = (BREAKDOWNS as readonly string[]).includes(b ?? '')
		? (b as (typeof BREAKDOWNS)[number])
		: null;
	const grain = grainOf(url);
	const cohortGrain = grain === 'day' ? 'week' : grain;
	const [cohorts, lifecycle] = await Promise.all([
		api.cohorts(fetch, metricParams(url, { period: cohortGrain, mode, breakdown })),
		api.lifecycle(fetch, metricParams(url))
	]);
	return { cohorts, lifecycle, mode, breakdown, grain, cohortGrain };
};
