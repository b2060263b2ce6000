import { getPage, getRows, type Fetch, type Params } from '$lib/api';
import type { CustomerRow } from '$lib/api';

/**
 * Typed calls to the customer endpoints (src/routes/api/customers, src/routes/api/customer/[id]/...), decoded from
 * Arrow by the shared client. Row types mirror src/lib/server/customers/*.
 */
export type { CustomerRow };

/** The query parameters /customers passes on to /api/customers (documented in list-params.ts on the server). */
export const LIST_KEYS = [
	'q',
	'r',
	'f',
	'segment',
	'lifecycle',
	'cohort',
	'period',
	'k',
	'mode',
	'funnel_step',
	'from',
	'to',
	'region',
	'channel',
	'acquisition_channel',
	'sort',
	'dir',
	'page',
	'page_size',
	'contact'
] as const;

export function listParams(url: URL): Params {
	const out: Params = {};
	for (const key of LIST_KEYS) {
		const v = url.searchParams.get(key);
		if (v !== null && v !== '') out[key] = v;
	}
	return out;
}

export const customerList = (f: Fetch, p: Params) => getPage<CustomerRow>(f, 'customers', p);

export interface CustomerProfile {
	customer_id: string;
	name: string | null;
	email: string | null;
	phone: string | null;
	region: string | null;
	country: string | null;
	gender: string | null;
	birth_year: number | null;
	signup_at: string | null;
	acquisition_channel: string | null;
	consent_email: boolean | null;
	consent_sms: boolean | null;
	first_purchase_at: string | null;
	last_purchase_at: string | null;
	last_interaction_at: string | null;
	orders: number;
	purchase_days: number;
	net_revenue: number;
	avg_order_value: number | null;
	mean_days_between_orders: number | null;
	recency_days: number | null;
	tenure_days: number | null;
	/** JSON text of a list (Arrow carries lists as JSON here) */
	channels_used: string | null;
	first_order_channel: string | null;
	r_score: number | null;
	f_score: number | null;
	m_score: number | null;
	rfm_segment: string | null;
	segment_name_en: string | null;
	segment_name_vi: string | null;
	lifecycle_stage: string | null;
	as_of: string | null;
}

export interface CustomerPrediction {
	model: string;
	as_of: string;
	horizon_days: number | null;
	expected_purchases: number | null;
	p_alive: number | null;
	churn_probability: number | null;
	churn_band: string | null;
	expected_next_order: string | null;
	predicted_clv: number | null;
	historic_clv: number | null;
	total_clv: number | null;
	fit_id: number | string | null;
}

export interface TimelineEvent {
	occurred_at: string;
	day: string;
	type: string;
	channel: string | null;
	order_id: string | null;
	amount: number | null;
	quantity: number | null;
	category: string | null;
	csat: number | null;
	resolution_hours: number | null;
}

export interface CustomerOrder {
	order_id: string;
	day: string;
	channel: string | null;
	items: number | null;
	categories: string | null;
	purchase_amount: number;
	refund_amount: number;
	net_amount: number;
}

export interface PAlivePoint {
	date: string;
	p_alive: number;
	after_purchase: boolean;
}

const path = (id: string, part = '') => `/api/customer/${encodeURIComponent(id)}${part}`;

export const customerProfile = (f: Fetch, id: string) => getRows<CustomerProfile>(f, path(id));
export const customerPredictions = (f: Fetch, id: string) =>
	getRows<CustomerPrediction>(f, path(id, '/predictions'));
export const customerTimeline = (f: Fetch, id: string, limit = 500) =>
	getPage<TimelineEvent>(f, path(id, '/timeline'), { limit });
export const customerOrders = (f: Fetch, id: string, limit = 200) =>
	getPage<CustomerOrder>(f, path(id, '/orders'), { limit });
export const customerPAliveHistory = (f: Fetch, id: string) =>
	getRows<PAlivePoint>(f, path(id, '/palive-history'));
