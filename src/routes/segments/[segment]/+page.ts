import { api, grainOf, metricParams, snapshotParams } from '$lib/api';
import type { PageLoad } from './$types';

const SORTS = ['net_revenue', 'orders', 'recency_days', 'predicted_clv', 'p_alive', 'customer_id'] as const;
const PAGE_SIZE = 25;

/**
 * One segment: its summary row, its trends (the KPIs of customers currently in it) and one page of its customers,
 * searched, sorted and paginated by the server (q, sort, dir, page in the URL).
 */
export const load: PageLoad = async ({ fetch, url, params }) => {
	const segment = params.segment;
	const sortParam = url.searchParams.get('sort');
	const sort = (SORTS as readonly string[]).includes(sortParam ?? '')
		? (sortParam as (typeof SORTS)[number])
		: 'net_revenue';
	const dir = url.searchParams.get('dir') === 'asc' ? 'asc' : 'desc';
	const pageNo = Math.max(1, Math.floor(Number(url.searchParams.get('page') ?? 1)) || 1);
	const q = url.searchParams.get('q') ?? '';
	const snapshot = snapshotParams(url);
	const [segments, trend, customers] = await Promise.all([
		api.segments(fetch, snapshot),
		api.kpis(fetch, metricParams(url, { segment })),
		api.customers(fetch, {
			...snapshot,
			from: undefined,
			to: undefined,
			segment,
			q,
			sort,
			dir,
			page: pageNo,
			page_size: PAGE_SIZE
		})
	]);
	return {
		segment,
		summary: { data: segments.data?.find((s) => s.segment === segment) ?? null, error: segments.error },
		trend,
		customers,
		sort,
		dir: dir as 'asc' | 'desc',
		pageNo,
		pageSize: PAGE_SIZE,
		q,
		grain: grainOf(url),
		filterFields: ['from', 'to', 'grain', 'region', 'country', 'channel', 'acquisition_channel'] as const
	};
};
