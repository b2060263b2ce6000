import { segmentOf, type RfmSegmentDefinition } from '../../../src/lib/server/metrics';
import type { Cust, Ix } from './fixtures';

/**
 * A second, deliberately naive implementation of the customer summary, written from docs/METRICS.md without
 * looking at the SQL: loops over rows, day arithmetic on UTC dates. Tests compare it with the SQL.
 */
export interface NaiveSummary {
	customer_id: string;
	orders: number;
	purchase_days: number;
	net_revenue: number;
	recency_days: number | null;
	tenure_days: number | null;
	mean_days_between_orders: number | null;
	r_score: number | null;
	f_score: number | null;
	m_score: number | null;
	rfm_segment: string | null;
	lifecycle_stage: string | null;
}

const dayNumber = (isoDay: string) => Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`) / 86_400_000;
const cents = (x: number) => Math.round(x * 100);

export function naiveSummary(
	customers: Cust[],
	interactions: Ix[],
	asOf: string,
	defs: RfmSegmentDefinition[],
	window = 90
): NaiveSummary[] {
	const asOfDay = dayNumber(asOf);
	const used = interactions.filter((i) => dayNumber(i.occurred_at) < asOfDay);
	const ids = new Set([...customers.map((c) => c.customer_id), ...used.map((i) => i.customer_id)]);
	const out: NaiveSummary[] = [];
	for (const id of [...ids].sort()) {
		const mine = used.filter((i) => i.customer_id === id);
		const purchases = mine.filter((i) => i.type === 'purchase');
		const orderIds = new Set<string>();
		let loose = 0;
		for (const p of purchases) {
			if (p.order_id == null) loose++;
			else orderIds.add(p.order_id);
		}
		let netCents = 0;
		for (const i of mine) {
			if (i.type === 'purchase') netCents += cents(i.amount ?? 0);
			if (i.type === 'refund') netCents -= Math.abs(cents(i.amount ?? 0));
		}
		const days = [...new Set(purchases.map((p) => dayNumber(p.occurred_at)))].sort((a, b) => a - b);
		const orders = orderIds.size + loose;
		const first = days[0];
		const last = days.at(-1);
		const previous = days.length > 1 ? days.at(-2)! : null;
		out.push({
			customer_id: id,
			orders,
			purchase_days: days.length,
			net_revenue: netCents / 100,
			recency_days: last === undefined ? null : asOfDay - last,
			tenure_days: first === undefined ? null : asOfDay - first,
			mean_days_between_orders: days.length > 1 ? (last! - first!) / (days.length - 1) : null,
			r_score: null,
			f_score: null,
			m_score: null,
			rfm_segment: null,
			lifecycle_stage: null,
			...({ previous } as object)
		});
	}
	const buyers = out.filter((c) => c.orders > 0);
	const n = buyers.length;
	// score = 1 + floor(5 * (number of buyers with a strictly worse value) / n)
	const score = (worse: number) => 1 + Math.floor((5 * worse) / n);
	for (const c of buyers) {
		c.r_score = score(buyers.filter((o) => o.recency_days! > c.recency_days!).length);
		c.f_score = score(buyers.filter((o) => o.orders < c.orders).length);
		c.m_score = score(buyers.filter((o) => o.net_revenue < c.net_revenue).length);
		c.rfm_segment = segmentOf(defs, c.r_score, c.f_score, c.m_score);
		const previous = (c as unknown as { previous: number | null }).previous;
		const last = asOfDay - c.recency_days!;
		c.lifecycle_stage =
			c.recency_days! > window
				? 'churned'
				: c.tenure_days! <= window
					? 'new'
					: c.mean_days_between_orders !== null && c.recency_days! > 2 * c.mean_days_between_orders
						? 'at_risk'
						: previous !== null && last - previous > window
							? 'reactivated'
							: 'active';
	}
	for (const c of out) delete (c as unknown as { previous?: number }).previous;
	return out;
}

/** A small deterministic PRNG (mulberry32) for generated fixtures. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CHANNELS = ['web', 'store', 'zalo', 'email', null];
const REGIONS = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng'];

/**
 * Generated history: customers with 0..8 orders over 2024 (orders of 1..3 rows, some crossing midnight, some rows
 * without order id), refunds, touchpoints, repeated amounts (ties) and NULL channels.
 */
export function generateHistory(seed: number, nCustomers: number): { customers: Cust[]; interactions: Ix[] } {
	const rand = rng(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
	const customers: Cust[] = [];
	const interactions: Ix[] = [];
	const ts = (day: number, minute: number) =>
		new Date(Date.UTC(2024, 0, 1) + day * 86_400_000 + minute * 60_000)
			.toISOString()
			.slice(0, 19)
			.replace('T', ' ');
	let order = 0;
	for (let c = 0; c < nCustomers; c++) {
		const id = `c${String(c).padStart(4, '0')}`;
		if (rand() < 0.9)
			customers.push({ customer_id: id, region: pick(REGIONS), acquisition_channel: pick(['web', 'store']) });
		const nOrders = Math.floor(rand() * rand() * 9);
		for (let o = 0; o < nOrders; o++) {
			const day = Math.floor(rand() * 366);
			const minute = Math.floor(rand() * 1440);
			const channel = pick(CHANNELS);
			if (rand() < 0.15) {
				interactions.push({
					customer_id: id,
					occurred_at: ts(day, minute),
					type: 'purchase',
					channel,
					amount: pick([50, 100, 120.5])
				});
				continue;
			}
			const orderId = `o${order++}`;
			const rows = 1 + Math.floor(rand() * 3);
			for (let r = 0; r < rows; r++) {
				interactions.push({
					customer_id: id,
					occurred_at: ts(day, minute + r * pick([0, 1, 1, 700])),
					type: 'purchase',
					channel: r === 0 ? channel : pick(CHANNELS),
					order_id: orderId,
					amount: pick([20, 35.25, 50, 99.99])
				});
			}
			if (rand() < 0.1) {
				interactions.push({
					customer_id: id,
					occurred_at: ts(day + 3, 600),
					type: 'refund',
					channel,
					order_id: orderId,
					amount: -20
				});
			}
		}
		const touches = Math.floor(rand() * 4);
		for (let t = 0; t < touches; t++) {
			interactions.push({
				customer_id: id,
				occurred_at: ts(Math.floor(rand() * 366), 720),
				type: pick(['email_open', 'web_visit', 'call']),
				channel: pick(CHANNELS)
			});
		}
	}
	return { customers, interactions };
}
