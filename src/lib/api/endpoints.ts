import { getPage, loadRows, settle, type Fetch, type Loaded, type Params } from './client';

/**
 * One typed function per metrics endpoint the dashboard reads. Row types mirror the server's metric functions
 * (src/lib/server/metrics/*); dates are 'YYYY-MM-DD', money numbers in the database's currency (settings 'currency'), shares 0..1.
 */

export interface KpiRow {
	period: string;
	period_end: string;
	complete: boolean;
	/** the data covers only part of the period: drawn dashed, no change */
	partial: boolean;
	metric: string;
	value: number | null;
	previous: number | null;
	change: number | null;
	change_rel: number | null;
	year_ago: number | null;
	yoy_change: number | null;
	yoy_change_rel: number | null;
}
export const kpis = (f: Fetch, p: Params) => loadRows<KpiRow>(f, 'kpis', p);

export interface LifecycleRow {
	period: string;
	period_end: string;
	complete: boolean;
	partial: boolean;
	active: number;
	new: number;
	returning: number;
	resurrecting: number;
	dormant: number;
}
export const lifecycle = (f: Fetch, p: Params) => loadRows<LifecycleRow>(f, 'lifecycle', p);

export interface CohortRow {
	breakdown: string | null;
	cohort: string | null;
	k: number;
	period: string | null;
	complete: boolean;
	cohort_size: number;
	customers: number;
	customers_on_or_after: number;
	revenue: number;
	cohort_revenue: number;
	share_on: number;
	share_on_or_after: number;
	revenue_ratio: number | null;
	is_average: boolean;
	value: number | null;
}
export const cohorts = (f: Fetch, p: Params) => loadRows<CohortRow>(f, 'cohorts', p);

export interface SegmentRow {
	segment: string;
	name_en: string;
	name_vi: string;
	priority?: number;
	customers: number;
	share: number;
	net_revenue: number;
	revenue_share: number;
	mean_recency_days: number | null;
	mean_orders?: number | null;
	mean_net_revenue?: number | null;
	/** requested from the metrics layer; shown when present */
	aov?: number | null;
	predicted_clv?: number | null;
	p_alive?: number | null;
	r_min?: number;
	r_max?: number;
	f_min?: number;
	f_max?: number;
	m_min?: number;
	m_max?: number;
}
export const segments = (f: Fetch, p: Params) => loadRows<SegmentRow>(f, 'segments', p);

/** The configured segments' keys and names only (no counting: cheap enough for every page's filter bar). */
export interface SegmentNameRow {
	segment: string;
	name_en: string;
	name_vi: string;
	priority: number;
}
export const segmentNames = (f: Fetch) => loadRows<SegmentNameRow>(f, 'segment-names');

export interface RfmCellRow {
	r_score: number;
	f_score: number;
	customers: number;
	net_revenue: number;
	mean_m_score: number | null;
	share: number;
}
export const rfmGrid = (f: Fetch, p: Params) => loadRows<RfmCellRow>(f, 'rfm-grid', p);

export interface LifecycleStageRow {
	lifecycle_stage: string;
	customers: number;
	share: number;
	revenue: number;
}
export const lifecycleStages = (f: Fetch, p: Params) => loadRows<LifecycleStageRow>(f, 'lifecycle-stages', p);

export interface BinRow {
	measure: string;
	x0: number;
	x1: number;
	count: number;
}
export const DISTRIBUTION_MEASURES = ['recency', 'frequency', 'monetary', 'clv', 'p_alive'] as const;
export type DistributionMeasure = (typeof DISTRIBUTION_MEASURES)[number];
export const distribution = (f: Fetch, p: Params) => loadRows<BinRow>(f, 'distributions', p);

export interface SegmentTrendRow {
	period: string;
	segment: string;
	customers: number;
	revenue: number;
}
export const segmentTrend = (f: Fetch, p: Params) => loadRows<SegmentTrendRow>(f, 'segment-trend', p);

/** The customer mix at successive as-of dates (/api/segment-mix): by RFM segment and by lifecycle stage. */
export interface MixRow {
	as_of: string;
	kind: 'segment' | 'stage';
	key: string;
	customers: number;
	share: number;
}
export const segmentMix = (f: Fetch, p: Params) => loadRows<MixRow>(f, 'segment-mix', p);

export interface ClvSummaryRow {
	customers: number;
	predicted_clv: number | null;
	mean_p_alive: number | null;
	expected_purchases: number | null;
	horizon_days: number | null;
	model: string | null;
	as_of: string | null;
}
export const clvSummary = (f: Fetch, p: Params) => loadRows<ClvSummaryRow>(f, 'clv-summary', p);

export interface CustomerRow {
	customer_id: string;
	name: string | null;
	email: string | null;
	phone: string | null;
	region: string | null;
	country: string | null;
	acquisition_channel: string | null;
	rfm_segment: string | null;
	segment_name_en: string | null;
	segment_name_vi: string | null;
	lifecycle_stage: string | null;
	r_score: number | null;
	f_score: number | null;
	m_score: number | null;
	orders: number | null;
	net_revenue: number | null;
	recency_days: number | null;
	last_purchase_at: string | null;
	predicted_clv: number | null;
	p_alive: number | null;
	churn_band: string | null;
}
export const customers = (f: Fetch, p: Params): Promise<Loaded<{ rows: CustomerRow[]; total: number }>> =>
	settle(getPage<CustomerRow>(f, 'customers', p));
