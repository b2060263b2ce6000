import type { Database } from '../db';
import { filterParams, type Filters } from './filters';
import type { PeriodParams } from './kpis';
import { withPeriodTables } from './periods-refresh';
import { withRollup } from './rollups';

export interface ChannelPeriod {
	period: string;
	complete: boolean;
	channel: string;
	/** 'all' or an interaction type. */
	type: string;
	interactions: number;
	customers: number;
	revenue: number | null;
}

export interface CsatByChannel {
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

export interface TicketPeriod {
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

/** Interactions, customers and revenue by period, channel and type (queries/channel_metrics.sql). */
export async function channelPeriods(db: Database, params: PeriodParams): Promise<ChannelPeriod[]> {
	return withPeriodTables(db, params.as_of, params.period, (s, ctx) =>
		withRollup(s, ctx, 'channel_rollup', params.period, params, (r, text) =>
			s.sql<ChannelPeriod>(text('channel_metrics'), {
				...filterParams(params),
				...r,
				as_of: ctx.asOf,
				grain: params.period
			})
		)
	);
}

/** CSAT mean and 1..5 distribution by channel, plus 'all' (queries/csat_by_channel.sql). */
export async function csatByChannel(db: Database, filters: Filters): Promise<CsatByChannel[]> {
	return withPeriodTables(db, filters.as_of, null, (s, ctx) =>
		s.query<CsatByChannel>('csat_by_channel', { ...filterParams(filters), as_of: ctx.asOf })
	);
}

/** Support tickets per period and channel: resolution time median and p90, open tickets (queries/tickets_resolution.sql). */
export async function ticketPeriods(db: Database, params: PeriodParams): Promise<TicketPeriod[]> {
	return withPeriodTables(db, params.as_of, params.period, (s, ctx) =>
		s.query<TicketPeriod>('tickets_resolution', {
			...filterParams(params),
			as_of: ctx.asOf,
			grain: params.period
		})
	);
}
