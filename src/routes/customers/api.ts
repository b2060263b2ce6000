import { getPage, getRows, type Fetch, type Params, type Wire } from '$lib/api';
import type { CustomerRow } from '$lib/api';
import type * as server from '$lib/server/customers/customer360';
import type { Recommendation as ServerRecommendation } from '$lib/server/affinity/recommend';

/**
 * Typed calls to the customer endpoints (src/routes/api/customers, src/routes/api/customer/[id]/...), decoded from
 * Arrow by the shared client. Row types are src/lib/server/customers/*'s own as they arrive (`Wire`: lists as JSON
 * text; type-only imports, erased from the browser's code).
 */
export type { CustomerRow };
export type CustomerOrder = Wire<server.CustomerOrder>;
export type TimelineEvent = Wire<server.TimelineEvent>;
export type Recommendation = Wire<ServerRecommendation>;

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

export type CustomerProfile = Wire<server.CustomerProfile>;

export type CustomerPrediction = Wire<server.CustomerPrediction>;

export type PAlivePoint = Wire<server.PAliveRow>;

const path = (id: string, part = '') => `/api/customer/${encodeURIComponent(id)}${part}`;

/** `reveal`: an analyst asks to see the contact details (recorded in the audit log, #19). */
export const customerProfile = (f: Fetch, id: string, reveal = false) =>
	getRows<CustomerProfile>(f, path(id), reveal ? { reveal: 1 } : {});
export const customerPredictions = (f: Fetch, id: string) =>
	getRows<CustomerPrediction>(f, path(id, '/predictions'));
export const customerTimeline = (f: Fetch, id: string, limit = 500) =>
	getPage<TimelineEvent>(f, path(id, '/timeline'), { limit });
export const customerOrders = (f: Fetch, id: string, limit = 200) =>
	getPage<CustomerOrder>(f, path(id, '/orders'), { limit });
export const customerRecommendations = (f: Fetch, id: string) =>
	getRows<Recommendation>(f, path(id, '/recommendations'));
export const customerPAliveHistory = (f: Fetch, id: string) =>
	getRows<PAlivePoint>(f, path(id, '/palive-history'));
