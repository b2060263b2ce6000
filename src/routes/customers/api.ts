import { getPage, getRows, type Fetch, type Params } from '$lib/api';
import type { CustomerRow } from '$lib/api';
import type {
	CustomerOrder,
	CustomerProfile as ServerCustomerProfile,
	TimelineEvent
} from '$lib/server/customers/customer360';

/**
 * Typed calls to the customer endpoints (src/routes/api/customers, src/routes/api/customer/[id]/...), decoded from
 * Arrow by the shared client. Row types mirror src/lib/server/customers/*.
 */
export type { CustomerOrder, CustomerRow, TimelineEvent };

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
	'country',
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

/** The server's profile as it arrives over Arrow: lists come as JSON text. */
export type CustomerProfile = Omit<ServerCustomerProfile, 'channels_used'> & {
	/** JSON text of a list (Arrow carries lists as JSON here) */
	channels_used: string | null;
};

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
