import { api, grainOf, metricParams, snapshotParams } from '$lib/api';
import type { PageLoad } from './$types';

/** The parameters of the two parts the overview may stream (see load), shared with +page.server.ts. */
export function _streamParams(url: URL) {
	const snapshot = snapshotParams(url);
	return {
		clv: snapshot,
		mix: {
			region: snapshot.region,
			country: snapshot.country,
			acquisition_channel: snapshot.acquisition_channel,
			segment: snapshot.segment,
			lifecycle: snapshot.lifecycle
		}
	};
}

/**
 * The overview's data: KPIs per period, lifecycle flows, the current segment and stage mix, the CLV of the base, and
 * the mix over time. The mix over time scores every customer again at each earlier date (seconds at 1M customers
 * the first time after a refresh), and the CLV of the base reads every prediction (seconds at 1M): unless the server
 * already keeps their answers (data.kept, then they take milliseconds and are in the server-rendered page), they are
 * not awaited, so the page is shown without them and they fill in when they arrive.
 */
export const load: PageLoad = async ({ data, fetch, url }) => {
	const periodic = metricParams(url);
	const snapshot = snapshotParams(url);
	const streams = _streamParams(url);
	const clvLoad = api.clvSummary(fetch, streams.clv);
	const mixLoad = api.segmentMix(fetch, streams.mix);
	const [kpis, lifecycle, segments, stages, clv, mix] = await Promise.all([
		api.kpis(fetch, periodic),
		api.lifecycle(fetch, periodic),
		api.segments(fetch, snapshot),
		api.lifecycleStages(fetch, snapshot),
		data.kept.clv ? clvLoad : undefined,
		data.kept.mix ? mixLoad : undefined
	]);
	return {
		...data,
		grain: grainOf(url),
		kpis,
		lifecycle,
		segments,
		stages,
		clv: clv ?? clvLoad,
		mix: mix ?? mixLoad
	};
};
