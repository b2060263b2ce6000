import { api, grainOf, ifAvailable, metricParams, snapshotParams } from '$lib/api';
import type { PageLoad } from './$types';

/** The overview's data: KPIs per period, lifecycle flows, the current segment and stage mix, the CLV of the base. */
export const load: PageLoad = async ({ data, fetch, url, parent }) => {
	const periodic = metricParams(url);
	const snapshot = snapshotParams(url);
	const available = parent().then((p) => p.apiEndpoints);
	const [kpis, lifecycle, segments, stages, clv] = await Promise.all([
		api.kpis(fetch, periodic),
		api.lifecycle(fetch, periodic),
		api.segments(fetch, snapshot),
		available.then((a) => ifAvailable(a, 'lifecycle-stages', () => api.lifecycleStages(fetch, snapshot))),
		available.then((a) => ifAvailable(a, 'clv-summary', () => api.clvSummary(fetch, snapshot)))
	]);
	return { ...data, grain: grainOf(url), kpis, lifecycle, segments, stages, clv };
};
