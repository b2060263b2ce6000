import type { Database } from '../db';
import { ensureCustomerFeatures } from '../lists/features';
import { maskEmail, maskName, maskPhone } from './contact';
import type { CustomerListParams } from './list-params';
import { searchText } from './search-text';

export interface CustomerListRow {
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
	orders: number;
	net_revenue: number;
	recency_days: number | null;
	last_purchase_at: string | null;
	predicted_clv: number | null;
	p_alive: number | null;
	churn_band: string | null;
}

export interface CustomerList {
	rows: CustomerListRow[];
	total: number;
	page: number;
	pageSize: number;
	/** true when name, email and phone are the real values (the person asked to see them) */
	contactShown: boolean;
}

/** The model whose predictions lists and the customer page show. */
export const DEFAULT_MODEL = 'bgnbd';

/**
 * One page of customers matching a search and/or a chart's selection. Contacts are masked unless
 * `params.contact` is set: personal data leaves the server only when a person asks for it.
 */
export async function listCustomers(db: Database, params: CustomerListParams): Promise<CustomerList> {
	await featuresReady(db);
	const text = searchText(params.q);
	const rows = await db.query<CustomerListRow & { total: number }>('customer_search', {
		pattern: text.pattern,
		phone_digits: text.phoneDigits,
		r: params.r ?? null,
		f: params.f ?? null,
		segment: params.segment ?? null,
		lifecycle: params.lifecycle ?? null,
		region: params.region ?? null,
		country: params.country ?? null,
		acquisition_channel: params.acquisition_channel?.toLowerCase() ?? null,
		channel: params.channel?.toLowerCase() ?? null,
		cohort: params.cohort ?? null,
		period: params.period,
		k: params.cohort !== undefined && params.k !== undefined ? params.k : null,
		mode: params.mode,
		funnel_step: params.funnel_step ?? null,
		from: params.from ?? null,
		to: params.to ?? null,
		sort: params.sort,
		descending: params.dir === 'desc',
		limit: params.page_size,
		offset: (params.page - 1) * params.page_size
	});
	const total = rows[0]?.total ?? (params.page > 1 ? await countOnly(db, params) : 0);
	return {
		rows: rows.map(({ total: _total, ...row }) =>
			params.contact
				? row
				: { ...row, name: maskName(row.name), email: maskEmail(row.email), phone: maskPhone(row.phone) }
		),
		total,
		page: params.page,
		pageSize: params.page_size,
		contactShown: params.contact
	};
}

const checked = new WeakSet<Database>();

/** The list reads table customer_features (queries/customer_search.sql); a database refreshed before the
 * 'segments' step existed builds it once. */
async function featuresReady(db: Database): Promise<void> {
	if (checked.has(db)) return;
	await ensureCustomerFeatures(db);
	checked.add(db);
}

/** A page past the end has no rows to carry the total: ask for the first page's. */
async function countOnly(db: Database, params: CustomerListParams): Promise<number> {
	const first = await listCustomers(db, { ...params, page: 1, page_size: 1 });
	return first.total;
}
