import { loadRows, type Fetch, type Params, type Wire } from '$lib/api';

/** Typed calls to the channel metrics endpoints (src/routes/api/{channels,csat,tickets,funnel}); the rows are the
 * server functions' own types (type-only imports: nothing of the server reaches the browser). */
import type { ChannelPeriod, CsatByChannel, TicketPeriod } from '$lib/server/metrics/channels';
import type { FunnelStage } from '$lib/server/metrics/funnel';

export type ChannelPeriodRow = Wire<ChannelPeriod>;
export type CsatRow = Wire<CsatByChannel>;
export type TicketRow = Wire<TicketPeriod>;
export type FunnelRow = Wire<FunnelStage>;

export const channelPeriods = (f: Fetch, p: Params) => loadRows<ChannelPeriodRow>(f, 'channels', p);
export const csatByChannel = (f: Fetch, p: Params) => loadRows<CsatRow>(f, 'csat', p);
export const ticketPeriods = (f: Fetch, p: Params) => loadRows<TicketRow>(f, 'tickets', p);
export const journeyFunnel = (f: Fetch, p: Params) => loadRows<FunnelRow>(f, 'funnel', p);
