import { loadRows, type Fetch, type Params } from '$lib/api';

/** Typed calls to the channel metrics endpoints (src/routes/api/{channels,csat,tickets,funnel}); rows mirror
 * src/lib/server/metrics/channels.ts and funnel.ts. */
export interface ChannelPeriodRow {
	period: string;
	complete: boolean;
	channel: string;
	/** 'all' or an interaction type */
	type: string;
	interactions: number;
	customers: number;
	revenue: number | null;
}
export interface CsatRow {
	channel: string;
	responses: number;
	mean: number;
	n1: number;
	n2: number;
	n3: number;
	n4: number;
	n5: number;
	share1: number;
	share2: number;
	share3: number;
	share4: number;
	share5: number;
}
export interface TicketRow {
	period: string;
	complete: boolean;
	channel: string;
	tickets: number;
	resolved: number;
	open: number;
	median_hours: number | null;
	p90_hours: number | null;
	mean_hours: number | null;
}
export interface FunnelRow {
	step: number;
	stage: 'any_interaction' | 'engaged' | 'first_purchase' | 'repeat_purchase' | 'loyal';
	customers: number;
	customers_nested: number;
	share_of_start: number | null;
	conversion: number | null;
}

export const channelPeriods = (f: Fetch, p: Params) => loadRows<ChannelPeriodRow>(f, 'channels', p);
export const csatByChannel = (f: Fetch, p: Params) => loadRows<CsatRow>(f, 'csat', p);
export const ticketPeriods = (f: Fetch, p: Params) => loadRows<TicketRow>(f, 'tickets', p);
export const journeyFunnel = (f: Fetch, p: Params) => loadRows<FunnelRow>(f, 'funnel', p);
