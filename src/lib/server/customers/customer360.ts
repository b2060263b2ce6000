import type { Database } from '../db';
import type { BgNbdParams } from '../models/bgnbd';
import { isUsableFit, modelFit } from './model-fits';
import { pAliveHistory, type PAlivePoint } from './palive-history';
import { DEFAULT_MODEL } from './search';

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
	channels_used: string[] | null;
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
	fit_id: string | number | null;
	churn_window_days: number | null;
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
	/** rows in the event: an order's lines are one event */
	lines: number;
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

export interface PAliveHistory {
	model: string;
	fit_id: string;
	/** false when the fit did not converge or was not eligible: the curve is then not computed */
	usable: boolean;
	points: PAlivePoint[];
}

/** One point of /api/customer/ID/palive-history. */
export interface PAliveRow {
	date: string;
	p_alive: number;
	after_purchase: boolean;
}

export async function customerProfile(
	db: Database,
	customerId: string
): Promise<CustomerProfile | undefined> {
	return (await db.query<CustomerProfile>('customer_360', { customer_id: customerId }))[0];
}

/** The customer's predictions, the default model first. */
export async function customerPredictions(db: Database, customerId: string): Promise<CustomerPrediction[]> {
	const rows = await db.query<CustomerPrediction>('customer_360_predictions', { customer_id: customerId });
	return rows.sort((a, b) => Number(b.model === DEFAULT_MODEL) - Number(a.model === DEFAULT_MODEL));
}

export async function customerTimeline(
	db: Database,
	customerId: string,
	limit = 500
): Promise<{ events: TimelineEvent[]; total: number }> {
	const rows = await db.query<TimelineEvent & { total: number }>('customer_timeline', {
		customer_id: customerId,
		limit
	});
	return { events: rows.map(({ total: _t, ...e }) => e), total: rows[0]?.total ?? 0 };
}

export async function customerOrders(
	db: Database,
	customerId: string,
	limit = 200
): Promise<{ orders: CustomerOrder[]; total: number }> {
	const rows = await db.query<CustomerOrder & { total: number }>('customer_360_orders', {
		customer_id: customerId,
		limit
	});
	return { orders: rows.map(({ total: _t, ...o }) => o), total: rows[0]?.total ?? 0 };
}

function bgnbdParams(p: Record<string, number>): BgNbdParams | undefined {
	const { r, alpha, a, b } = p;
	if ([r, alpha, a, b].every((v) => typeof v === 'number' && Number.isFinite(v) && v > 0)) {
		return { r: r!, alpha: alpha!, a: a!, b: b! };
	}
	return undefined;
}

/**
 * P(alive) at past dates with the BG/NBD fit behind the customer's current prediction (or the latest BG/NBD fit),
 * up to the as-of date of that prediction. Undefined when there is no BG/NBD fit.
 */
export async function customerPAliveHistory(
	db: Database,
	customerId: string,
	prediction: CustomerPrediction | undefined,
	fallbackAsOf: string | null
): Promise<PAliveHistory | undefined> {
	const fitId = prediction?.model === 'bgnbd' && prediction.fit_id != null ? String(prediction.fit_id) : null;
	const fit = await modelFit(db, fitId, 'bgnbd');
	if (!fit) return undefined;
	const params = bgnbdParams(fit.params);
	const asOf = prediction?.as_of ?? fit.as_of ?? fallbackAsOf;
	const usable = isUsableFit(fit) && params !== undefined && asOf !== null;
	if (!usable) return { model: fit.model, fit_id: fit.fit_id, usable: false, points: [] };
	const days = await db.query<{ day: string }>('customer_360_purchase_days', { customer_id: customerId });
	return {
		model: fit.model,
		fit_id: fit.fit_id,
		usable: true,
		points: pAliveHistory(
			params,
			days.map((d) => d.day).filter((d) => d < asOf),
			asOf,
			fit.time_unit ?? 'day'
		)
	};
}

export interface Customer360 {
	profile: CustomerProfile;
	predictions: CustomerPrediction[];
	timeline: { events: TimelineEvent[]; total: number };
	orders: { orders: CustomerOrder[]; total: number };
	pAliveHistory: PAliveHistory | undefined;
}

/** Everything the customer page shows about one customer; undefined for an unknown id. */
export async function customer360(db: Database, customerId: string): Promise<Customer360 | undefined> {
	const profile = await customerProfile(db, customerId);
	if (!profile) return undefined;
	const [predictions, timeline, orders] = await Promise.all([
		customerPredictions(db, customerId),
		customerTimeline(db, customerId),
		customerOrders(db, customerId)
	]);
	const history = await customerPAliveHistory(db, customerId, predictions[0], profile.as_of);
	return { profile, predictions, timeline, orders, pAliveHistory: history };
}
