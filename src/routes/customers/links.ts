/**
 * Links to the customer list, for charts that lead to "these customers". Every parameter is optional; the page
 * documents them (src/lib/server/customers/list-params.ts):
 *   customersHref({ r: 5, f: 4 })                        the RFM grid cell R5 F4
 *   customersHref({ segment: 'champions' })               a segment
 *   customersHref({ lifecycle: 'at_risk' })               a lifecycle stage
 *   customersHref({ cohort: '2024-03-01', period: 'month', k: 2 })   a cohort heatmap cell (k periods later;
 *                                                          mode: 'on_or_after' for that mode of the heatmap)
 *   customersHref({ funnel_step: 'repeat_purchase', from, to })   a journey funnel step
 * The dashboard's filters (region, country, channel, acquisition_channel) can be passed along as they are in the URL.
 */
export interface CustomerListLink {
	q?: string;
	r?: number;
	f?: number;
	segment?: string;
	lifecycle?: string;
	cohort?: string;
	period?: 'week' | 'month' | 'quarter' | 'year';
	k?: number;
	mode?: 'on' | 'on_or_after';
	funnel_step?: 'any_interaction' | 'engaged' | 'first_purchase' | 'repeat_purchase' | 'loyal';
	from?: string;
	to?: string;
	region?: string;
	country?: string;
	channel?: string;
	acquisition_channel?: string;
	sort?: string;
	dir?: 'asc' | 'desc';
	page?: number;
	contact?: boolean;
}

export function customersHref(link: CustomerListLink): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(link)) {
		if (value === undefined || value === null || value === '' || value === false) continue;
		params.set(key, value === true ? '1' : String(value));
	}
	const s = params.toString();
	return s ? `/customers?${s}` : '/customers';
}

export const customerHref = (id: string): string => `/customers/${encodeURIComponent(id)}`;
