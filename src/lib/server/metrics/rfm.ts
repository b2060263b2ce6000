import type { Database } from '../db';
import type { Filters } from './filters';
import { queryOnSummary, type RfmConfig } from './summary';

/** One customer's RFM values, scores and segment (customers with a purchase only). */
export interface RfmCustomer {
	customer_id: string;
	recency_days: number;
	orders: number;
	net_revenue: number;
	r_score: number;
	f_score: number;
	m_score: number;
	rfm_cell: string;
	rfm_segment: string;
	lifecycle_stage: string;
	last_purchase_at: string;
}

export interface RfmPage {
	/** Page of customers; no limit returns all of them. */
	limit?: number;
	offset?: number;
}

/** Per-customer RFM scores and segment (queries/rfm_customers.sql), ordered by customer id. */
export async function rfmCustomers(
	db: Database,
	filters: Filters = {},
	page: RfmPage = {},
	rfm?: RfmConfig
): Promise<{ as_of: string; rows: RfmCustomer[] }> {
	const { rows, context } = await queryOnSummary<RfmCustomer>(db, 'rfm_customers', filters, {
		rfm,
		params: { limit: page.limit ?? null, offset: page.offset ?? null }
	});
	return { as_of: context.asOf, rows };
}

export interface RfmGridCell {
	r_score: number;
	f_score: number;
	customers: number;
	net_revenue: number;
	mean_m_score: number | null;
	share: number | null;
}

/** The 5 x 5 recency x frequency grid, all 25 cells (queries/rfm_grid.sql). */
export async function rfmGrid(db: Database, filters: Filters = {}, rfm?: RfmConfig): Promise<RfmGridCell[]> {
	return (await queryOnSummary<RfmGridCell>(db, 'rfm_grid', filters, { rfm })).rows;
}

export interface RfmScoreBand {
	dimension: 'r' | 'f' | 'm';
	score: number;
	customers: number;
	min_value: number | null;
	max_value: number | null;
}

/** Customers per score of each dimension with the values behind it (queries/rfm_score_distribution.sql). */
export async function rfmScoreDistribution(
	db: Database,
	filters: Filters = {},
	rfm?: RfmConfig
): Promise<RfmScoreBand[]> {
	return (await queryOnSummary<RfmScoreBand>(db, 'rfm_score_distribution', filters, { rfm })).rows;
}
