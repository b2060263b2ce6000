import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	channelPeriods,
	cohortRetention,
	customerSummaryTotals,
	dimensionValues,
	kpiPeriods,
	lifecyclePeriods,
	segmentSummary,
	type Filters,
	type KpiPeriod
} from '../../../src/lib/server/metrics';
import { customerListSchema } from '../../../src/lib/server/customers/list-params';
import { listCustomers } from '../../../src/lib/server/customers/search';
import { refreshSegmentMix, segmentMixTrend } from '../../../src/lib/server/overview';
import { markStale } from '../../helpers/derived';
import type { Cust, Ev } from './fixture';
import { fixtureDb } from './fixture';
import { addDays, generateEvents, naiveCohorts, naiveKpis, naiveLifecycle } from './naive';

/**
 * Country is a customer filter of its own, beside region: every metric filtered by country equals the same metric
 * computed naively over the raw interactions of that country's customers. The fixture is shaped like Online Retail
 * (most customers in one country, regions mostly missing), with a few regions so that the two filters can be told
 * apart and combined.
 */
const EVENTS = generateEvents(20251203, 80, '2023-01-01', 540);
const W = 90;
const COUNTRIES = ['United Kingdom', 'United Kingdom', 'France', 'Germany', null] as const;
const CUSTOMERS: Cust[] = [...new Set(EVENTS.map((e) => e.c))].map((id, i) => ({
	id,
	country: COUNTRIES[i % COUNTRIES.length]!,
	// regions on some customers only, crossing the countries
	region: i % 7 === 0 ? 'north' : i % 7 === 1 ? 'south' : null
}));
const UK = 'United Kingdom';

const of = (pred: (c: Cust) => boolean): Ev[] => {
	const ids = new Set(CUSTOMERS.filter(pred).map((c) => c.id));
	return EVENTS.filter((e) => ids.has(e.c));
};

function close(a: number | null, b: number | null, what: string): void {
	if (a === null || b === null) expect(a, what).toBe(b);
	else expect(a, what).toBeCloseTo(b, 6);
}

describe('the country filter = the naive metric over that country’s customers', () => {
	let db: Database;
	let cleanup: () => void;
	let asOf: string;
	beforeAll(async () => {
		const t = await fixtureDb(EVENTS, CUSTOMERS);
		db = t.db;
		cleanup = t.cleanup;
		const last = EVENTS.map((e) => e.at.slice(0, 10))
			.sort()
			.at(-1)!;
		asOf = addDays(last, 1);
	}, 120_000);
	afterAll(() => cleanup());

	/** KPIs by month under `filters` against naiveKpis over `events`, every metric of every period. */
	async function expectKpis(filters: Filters, events: Ev[]) {
		const sql = await kpiPeriods(db, 'month', filters);
		const naive = naiveKpis(events, 'month', asOf, W);
		expect(naive.length).toBeGreaterThan(6);
		// the periods of the filtered customers (a country's first purchase may come after the data's)
		const byPeriod = new Map(sql.map((r) => [r.period, r]));
		for (const n of naive) {
			const s = byPeriod.get(n.period);
			expect(s, `${n.period} present`).toBeDefined();
			for (const key of [
				'active_customers',
				'new_customers',
				'returning_customers',
				'revenue',
				'orders'
			] as const) {
				close(s![key as keyof KpiPeriod] as number | null, n[key], `${n.period} ${key}`);
			}
			close(s!.retention_rate, n.retention_rate, `${n.period} retention_rate`);
			close(s!.repeat_purchase_rate, n.repeat_purchase_rate, `${n.period} repeat_purchase_rate`);
		}
	}

	it('KPIs by month, from the stored rollup and inline', async () => {
		await expectKpis(
			{ country: UK },
			of((c) => c.country === UK)
		);
		await expectKpis(
			{ country: 'France' },
			of((c) => c.country === 'France')
		);
		await markStale(db, 'periods', true);
		try {
			await expectKpis(
				{ country: UK },
				of((c) => c.country === UK)
			);
		} finally {
			await markStale(db, 'periods', false);
		}
	});

	it('country and region are separate filters and combine', async () => {
		await expectKpis(
			{ country: UK, region: 'north' },
			of((c) => c.country === UK && c.region === 'north')
		);
		// a country is not a region: filtering region by a country name keeps nobody
		expect(await kpiPeriods(db, 'month', { region: UK })).toEqual([]);
		expect(await kpiPeriods(db, 'month', { country: 'north' })).toEqual([]);
	});

	it('cohort cells by month, stored and with a breakdown by country', async () => {
		const sql = (await cohortRetention(db, { period: 'month', country: UK })).filter((c) => !c.is_average);
		const naive = naiveCohorts(
			of((c) => c.country === UK),
			'month',
			asOf
		);
		expect(naive.length).toBeGreaterThan(10);
		expect(sql.map((s) => [s.cohort, s.k, s.cohort_size, s.customers, s.customers_on_or_after])).toEqual(
			naive.map((n) => [n.cohort, n.k, n.size, n.on, n.onOrAfter])
		);
		// the breakdown's United Kingdom cells are the filter's cells
		const broken = (await cohortRetention(db, { period: 'month', breakdown: 'country' })).filter(
			(c) => !c.is_average && c.breakdown === UK
		);
		expect(broken.map((s) => [s.cohort, s.k, s.cohort_size, s.customers])).toEqual(
			sql.map((s) => [s.cohort, s.k, s.cohort_size, s.customers])
		);
	});

	it('lifecycle flows by month', async () => {
		const sql = await lifecyclePeriods(db, { period: 'month', country: 'Germany' });
		const naive = naiveLifecycle(
			of((c) => c.country === 'Germany'),
			'month',
			asOf
		);
		const byPeriod = new Map(sql.map((r) => [r.period, r]));
		for (const n of naive.filter((r) => r.new + r.returning + r.resurrecting + r.dormant > 0)) {
			const s = byPeriod.get(n.period)!;
			expect([s.new, s.returning, s.resurrecting, s.dormant], n.period).toEqual([
				n.new,
				n.returning,
				n.resurrecting,
				n.dormant
			]);
		}
	});

	it('channels: customers per month and channel from the raw interactions', async () => {
		const rows = (await channelPeriods(db, { period: 'month', country: UK })).filter((r) => r.type === 'all');
		const naive = await db.sql<{ period: string; channel: string; n: number; c: number }>(
			`SELECT strftime(date_trunc('month', i.occurred_at), '%Y-%m-%d') AS period, coalesce(i.channel, 'unknown') AS channel,
				count(*)::INTEGER AS n, count(DISTINCT i.customer_id)::INTEGER AS c
			 FROM interactions i JOIN customers c USING (customer_id)
			 WHERE c.country = $country GROUP BY ALL ORDER BY 1, 2`,
			{ country: UK }
		);
		expect(naive.length).toBeGreaterThan(10);
		const got = rows
			.filter((r) => r.interactions > 0)
			.map((r) => [r.period, r.channel, r.interactions, r.customers])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
		expect(got).toEqual(naive.map((r) => [r.period, r.channel, r.n, r.c]));
	});

	it('summary totals, segments and the customer list count the country’s customers', async () => {
		const raw = (
			await db.sql<{ buyers: number; revenue: number }>(
				`SELECT count(DISTINCT customer_id) FILTER (WHERE i.type = 'purchase')::INTEGER AS buyers,
					sum(CASE WHEN i.type = 'purchase' THEN i.amount WHEN i.type = 'refund' THEN -abs(i.amount) ELSE 0 END)::DOUBLE AS revenue
				 FROM interactions i JOIN customers c USING (customer_id) WHERE c.country = $country`,
				{ country: UK }
			)
		)[0]!;
		const totals = await customerSummaryTotals(db, { country: UK });
		expect(totals.customers_with_purchase).toBe(raw.buyers);
		expect(totals.net_revenue).toBeCloseTo(raw.revenue, 6);

		const segments = await segmentSummary(db, { country: UK });
		expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(raw.buyers);
		const perSegment = await db.sql<{ k: string; n: number }>(
			`SELECT s.rfm_segment AS k, count(*)::INTEGER AS n FROM customer_summary s JOIN customers c USING (customer_id)
			 WHERE s.orders > 0 AND c.country = $country GROUP BY 1`,
			{ country: UK }
		);
		for (const p of perSegment) expect(segments.find((s) => s.segment === p.k)?.customers, p.k).toBe(p.n);

		const all = (
			await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customers WHERE country = $c', {
				c: UK
			})
		)[0]!.n;
		const list = await listCustomers(db, customerListSchema.parse({ country: UK }));
		expect(list.total).toBe(all);
		expect(list.rows.every((r) => r.country === UK)).toBe(true);
	});

	it('the segment mix over time, stored and scored, keeps the country’s buyers', async () => {
		await refreshSegmentMix(db);
		const mix = await segmentMixTrend(db, { country: 'France' });
		const last = mix.filter((r) => r.as_of === mix.at(-1)!.as_of && r.kind === 'segment');
		const buyers = (
			await db.sql<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM customer_summary s JOIN customers c USING (customer_id)
				 WHERE s.orders > 0 AND c.country = 'France'`
			)
		)[0]!.n;
		expect(buyers).toBeGreaterThan(0);
		expect(last.reduce((a, r) => a + r.customers, 0)).toBe(buyers);
		await markStale(db, 'mix', true);
		try {
			expect(await segmentMixTrend(db, { country: 'France' })).toEqual(mix);
		} finally {
			await markStale(db, 'mix', false);
		}
	});

	it('dimension values: each country and region with its customers, most first; no empty values', async () => {
		const rows = await dimensionValues(db);
		const naive = await db.sql<{ dimension: string; value: string; customers: number }>(
			`SELECT 'country' AS dimension, country AS value, count(*)::INTEGER AS customers FROM customers
			 WHERE country IS NOT NULL GROUP BY 2
			 UNION ALL
			 SELECT 'region', region, count(*)::INTEGER FROM customers WHERE region IS NOT NULL GROUP BY 2`
		);
		const countries = rows.filter((r) => r.dimension === 'country');
		expect(countries.map((r) => [r.value, r.customers])).toEqual(
			naive
				.filter((r) => r.dimension === 'country')
				.sort((a, b) => b.customers - a.customers || a.value.localeCompare(b.value))
				.map((r) => [r.value, r.customers])
		);
		expect(countries[0]).toEqual({ dimension: 'country', value: UK, customers: 32 });
		expect(
			rows
				.filter((r) => r.dimension === 'region')
				.map((r) => [r.value, r.customers])
				.sort()
		).toEqual(
			naive
				.filter((r) => r.dimension === 'region')
				.map((r) => [r.value, r.customers])
				.sort()
		);
		expect(await dimensionValues(db, { dimension: 'country' })).toEqual(countries);
	});
});
