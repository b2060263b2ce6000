import { api, grainOf, ifAvailable, metricParams, snapshotParams } from '$lib/api';
import type { PageLoad } from './$types';

/**
 * The overview's data: KPIs per period, lifecycle flows, the current segment and stage mix, the CLV of the base, and
 * the mix over time. The mix over time scores every customer again at each earlier date (seconds at 1M customers
 * the first time after a refresh), and the CLV of the base reads every prediction (seconds at 1M): both are not
 * awaited, so the page is shown without them and they fill in when they arrive (the server keeps each answer until
 * the data changes, so they are quick after the first time).
 */
export const load: PageLoad = async ({ data, fetch, url, parent }) => {
	const periodic = metricParams(url);
	const snapshot = snapshotParams(url);
	const available = parent().then((p) => p.apiEndpoints);
	// not awaited: shown when they arrive
	const clv = available.then((a) => ifAvailable(a, 'clv-summary', () => api.clvSummary(fetch, snapshot)));
	const mix = api.segmentMix(fetch, {
		region: snapshot.region,
		acquisition_channel: snapshot.acquisition_channel,
		segment: snapshot.segment,
		lifecycle: snapshot.lifecycle
	});
	const [kpis, lifecycle, segments, stages] = await Promise.all([
		api.kpis(fetch, periodic),
		api.lifecycle(fetch, periodic),
		api.segments(fetch, snapshot),
		available.then((a) => ifAvailable(a, 'lifecycle-stages', () => api.lifecycleStages(fetch, snapshot)))
	]);
	return { ...data, grain: grainOf(url), kpis, lifecycle, segments, stages, clv, mix };
};
