import type { Database } from '../db';
import { compileRule } from './compile';
import { ensureCustomerFeatures } from './features';
import type { Rule } from './rule';
import { withRule } from './sql';

export interface ListPreview {
	members: number;
	base: number;
	/** members / base, 0..1 (null for an empty base) */
	share: number | null;
	revenue: number;
	revenueTotal: number;
	/** the members' share of all net revenue, 0..1 (null when the base has no revenue) */
	revenueShare: number | null;
	predictedClvTotal: number;
	meanPredictedClv: number | null;
	meanPAlive: number | null;
	withEmailConsent: number;
	withSmsConsent: number;
	asOf: string | null;
	sample: SampleRow[];
}

export interface SampleRow {
	customer_id: string;
	rfm_segment: string | null;
	lifecycle_stage: string | null;
	region: string | null;
	country: string | null;
	orders: number | null;
	net_revenue: number | null;
	predicted_clv: number | null;
	p_alive: number | null;
	churn_band: string | null;
	last_purchase_at: string | null;
}

type PreviewRow = {
	members: number;
	base: number;
	revenue: number;
	revenue_total: number;
	predicted_clv_total: number;
	mean_predicted_clv: number | null;
	mean_p_alive: number | null;
	with_email_consent: number;
	with_sms_consent: number;
	as_of: string | null;
};

/** Size and value of a rule's members against the whole base, with the `sampleSize` most valuable members. */
export async function previewList(db: Database, rule: Rule, sampleSize = 20): Promise<ListPreview> {
	await ensureCustomerFeatures(db);
	const compiled = compileRule(rule);
	const [totals, sample] = await Promise.all([
		db.sql<PreviewRow>(withRule('list_preview', compiled), compiled.params),
		sampleSize > 0
			? db.sql<SampleRow>(withRule('list_sample', compiled), { ...compiled.params, limit: sampleSize })
			: Promise.resolve([])
	]);
	const t = totals[0]!;
	return {
		members: t.members,
		base: t.base,
		share: t.base > 0 ? t.members / t.base : null,
		revenue: t.revenue,
		revenueTotal: t.revenue_total,
		revenueShare: t.revenue_total !== 0 ? t.revenue / t.revenue_total : null,
		predictedClvTotal: t.predicted_clv_total,
		meanPredictedClv: t.mean_predicted_clv,
		meanPAlive: t.mean_p_alive,
		withEmailConsent: t.with_email_consent,
		withSmsConsent: t.with_sms_consent,
		asOf: t.as_of,
		sample
	};
}

/** Every member's customer id, sorted. */
export async function listMembers(db: Database, rule: Rule): Promise<string[]> {
	await ensureCustomerFeatures(db);
	const compiled = compileRule(rule);
	const rows = await db.sql<{ customer_id: string }>(withRule('list_members', compiled), compiled.params);
	return rows.map((r) => r.customer_id);
}
