import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { kpiPeriods, kpis, type KpiPeriod } from '../../../src/lib/server/metrics';
import { KPI_CUSTOMERS, KPI_EVENTS } from './data';
import { fixtureDb } from './fixture';

describe('KPIs per period (hand-computed)', () => {
	let db: Database;
	let cleanup: () => void;
	let rows: KpiPeriod[];
	const at = (period: string) => rows.find((r) => r.period === period)!;
	beforeAll(async () => {
		const t = await fixtureDb(KPI_EVENTS, KPI_CUSTOMERS);
		db = t.db;
		cleanup = t.cleanup;
		rows = await kpiPeriods(db, 'month');
	});
	afterAll(() => cleanup());

	it('lists every month from the first purchase to the as-of month, the last one flagged incomplete', () => {
		expect(rows.map((r) => r.period)).toEqual([
			'2024-01-01',
			'2024-02-01',
			'2024-03-01',
			'2024-04-01',
			'2024-05-01',
			'2024-06-01'
		]);
		expect(rows.map((r) => r.complete)).toEqual([true, true, true, true, true, false]);
		// partial: June is not over, and January began before the data did (first purchase 2024-01-05)
		expect(rows.map((r) => r.partial)).toEqual([true, false, false, false, false, true]);
		expect(at('2024-02-01').period_end).toBe('2024-02-29');
	});

	it('January: a and b new; a bought twice (repeat rate 1/2); AOV 450 / 3 orders', () => {
		expect(at('2024-01-01')).toMatchObject({
			active_customers: 2,
			new_customers: 2,
			returning_customers: 0,
			reactivated_customers: 0,
			// unknown, not 0: no churn can be seen before the first purchase day + 91 days
			churned_customers: null,
			active_at_start: 0,
			churn_rate: null,
			retention_rate: null,
			repeat_purchase_rate: 0.5,
			revenue: 450,
			revenue_existing: 0,
			aov: 150,
			orders: 3,
			orders_per_customer: 1.5,
			net_revenue_retention: null,
			historic_clv: 225
		});
	});

	it('February: a returns, c is new; NRR = a 200 / (a 150 + b 300); retention 1 of 2', () => {
		const feb = at('2024-02-01');
		expect(feb).toMatchObject({
			active_customers: 2,
			new_customers: 1,
			returning_customers: 1,
			active_at_start: 2,
			churn_rate: null,
			retention_rate: 0.5,
			repeat_purchase_rate: 0.5,
			revenue: 600,
			revenue_existing: 200,
			aov: 300,
			orders: 2,
			orders_per_customer: 1
		});
		expect(feb.net_revenue_retention).toBeCloseTo(200 / 450, 10);
		expect(feb.historic_clv).toBeCloseTo(1050 / 3, 10);
	});

	it("March: nobody buys; c's refund is revenue from an existing customer; NRR = -100 / 600", () => {
		const mar = at('2024-03-01');
		expect(mar).toMatchObject({
			// March ends before 2024-04-06 (first purchase 2024-01-05 + 91 days): churn is not yet observable
			churned_customers: null,
			churn_rate: null,
			active_customers: 0,
			active_at_start: 3,
			retention_rate: 0,
			repeat_purchase_rate: null,
			revenue: -100,
			revenue_existing: -100,
			aov: null,
			orders: 0
		});
		expect(mar.net_revenue_retention).toBeCloseTo(-100 / 600, 10);
		expect(mar.historic_clv).toBeCloseTo(950 / 3, 10);
	});

	it('April: b churns (2024-01-15 + 91 days), 1 of the 3 active at the start; May: a and c churn', () => {
		expect(at('2024-04-01')).toMatchObject({
			churned_customers: 1,
			active_at_start: 3,
			retention_rate: null
		});
		expect(at('2024-04-01').churn_rate).toBeCloseTo(1 / 3, 10);
		expect(at('2024-05-01')).toMatchObject({ churned_customers: 2, active_at_start: 2, churn_rate: 1 });
	});

	it('June: b reactivated after 138 days, e new with one order of two rows', () => {
		expect(at('2024-06-01')).toMatchObject({
			active_customers: 2,
			new_customers: 1,
			returning_customers: 1,
			reactivated_customers: 1,
			active_at_start: 0,
			churn_rate: null,
			repeat_purchase_rate: 0.5,
			revenue: 220,
			revenue_existing: 100,
			aov: 110,
			orders: 2,
			historic_clv: 1170 / 4
		});
	});

	it('changes: March against February, absolute and relative; no year-earlier period', async () => {
		const long = await kpis(db, { period: 'month', from: '2024-03-01', to: '2024-03-31' });
		expect(new Set(long.map((r) => r.period))).toEqual(new Set(['2024-03-01']));
		const rev = long.find((r) => r.metric === 'revenue')!;
		expect(rev).toMatchObject({ value: -100, previous: 600, change: -700, year_ago: null, yoy_change: null });
		expect(rev.change_rel).toBeCloseTo(-700 / 600, 10);
	});

	it('a partial period has no change and is no base for one: February is not compared with the partial January', async () => {
		const long = await kpis(db, { period: 'month', from: '2024-01-01', to: '2024-06-30' });
		const rev = (period: string) => long.find((r) => r.metric === 'revenue' && r.period === period)!;
		expect(rev('2024-02-01')).toMatchObject({ value: 600, previous: null, change: null, change_rel: null });
		expect(rev('2024-01-01')).toMatchObject({ partial: true, change: null });
		// June (not over) is not compared with May either
		expect(rev('2024-06-01')).toMatchObject({ partial: true, previous: null, change: null });
		expect(rev('2024-05-01')).toMatchObject({ partial: false, previous: 0, change: 0 });
		// the year grain: 2024 is one partial period, nothing to compare
		const year = await kpis(db, { period: 'year' });
		expect(new Set(year.map((r) => [r.period, r.partial, r.change].join()))).toEqual(
			new Set(['2024-01-01,true,'])
		);
	});

	it('the region filter keeps HN customers only (a, b)', async () => {
		const hn = await kpiPeriods(db, 'month', { region: 'HN' });
		const feb = hn.find((r) => r.period === '2024-02-01')!;
		expect(feb).toMatchObject({ active_customers: 1, new_customers: 0, revenue: 200, retention_rate: 0.5 });
		expect(hn.find((r) => r.period === '2024-01-01')?.active_customers).toBe(2);
	});

	it('the channel filter keeps customers who used the channel: store = e only', async () => {
		const store = await kpiPeriods(db, 'month', { channel: 'Store' });
		expect(store.map((r) => [r.period, r.active_customers, r.new_customers, r.revenue])).toEqual([
			['2024-06-01', 1, 1, 120]
		]);
		const web = await kpiPeriods(db, 'month', { channel: 'web' });
		expect(web.find((r) => r.period === '2024-06-01')?.active_customers).toBe(1); // b
	});

	it('a hostile filter value is data, not SQL', async () => {
		const none = await kpiPeriods(db, 'month', { region: "x' OR 1=1 --" });
		expect(none).toEqual([]);
	});

	it('an earlier as-of date uses nothing after it: at 2024-03-01, b has not churned and March is incomplete', async () => {
		const early = await kpiPeriods(db, 'month', { as_of: '2024-03-01' });
		expect(early.map((r) => r.period)).toEqual(['2024-01-01', '2024-02-01']);
		expect(early[1]).toMatchObject({ complete: true, revenue: 600 });
		const mid = await kpiPeriods(db, 'month', { as_of: '2024-03-10' });
		expect(mid.at(-1)).toMatchObject({ period: '2024-03-01', complete: false, revenue: -100 });
	});

	it('year-earlier comparison: weeks compare with 52 weeks before, months with a year before', async () => {
		const weeks = await kpiPeriods(db, 'week');
		expect(weeks[0]!.period).toBe('2024-01-01'); // a Monday
		expect(weeks[0]!.year_ago_period).toBe('2023-01-02');
		expect(rows[0]!.year_ago_period).toBe('2023-01-01');
	});
});
