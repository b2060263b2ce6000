import { grainOf, metricParams, snapshotParams } from '$lib/api';
import { channelPeriods, csatByChannel, journeyFunnel, ticketPeriods } from './api';
import type { PageLoad } from './$types';

/** Channels and journey: interactions and revenue by channel, CSAT, ticket resolution, the journey funnel. */
export const load: PageLoad = async ({ fetch, url }) => {
	const periodic = metricParams(url);
	const snapshot = snapshotParams(url);
	const [channels, csat, tickets, funnel] = await Promise.all([
		channelPeriods(fetch, periodic),
		csatByChannel(fetch, snapshot),
		ticketPeriods(fetch, periodic),
		journeyFunnel(fetch, snapshot)
	]);
	return { grain: grainOf(url), channels, csat, tickets, funnel };
};
