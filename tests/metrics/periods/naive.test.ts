import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	cohortRetention,
	kpiPeriods,
	lifecyclePeriods,
	type KpiPeriod
} from '../../../src/lib/server/metrics';
import { fixtureDb } from './fixture';
import { addDays, generateEvents, naiveCohorts, naiveKpis, naiveLifecycle, type NaiveGrain } from './naive';

/** The SQL metrics against the naive day-by-day implementation (naive.ts) on generated data. */
const EVENTS = generateEvents(20240601, 60, '2023-01-01', 540);
const W = 90;

function close(a: number | null, b: number | null, what: string): void {
	if (a === null || b === null) expect(a, what).toBe(b);
	else expect(a, what).toBeCloseTo(b, 6);
}

describe('period metrics = naive implementation on generated data', () => {
	let db: Database;
	let cleanup: () => void;
	let asOf: string;
	beforeAll(async () => {
		const t = await fixtureDb(EVENTS);
		db = t.db;
		cleanup = t.cleanup;
		const last = EVENTS.map((e) => e.at.slice(0, 10))
			.sort()
			.at(-1)!;
		asOf = addDays(last, 1);
	});
	afterAll(() => cleanup());

	const grains: NaiveGrain[] = ['month', 'week', 'quarter', 'year'];
	it.each(grains)('KPIs by %s', async (grain) => {
		const sql = await kpiPeriods(db, grain);
		const naive = naiveKpis(EVENTS, grain, asOf, W);
		expect(sql.map((r) => r.period)).toEqual(naive.map((r) => r.period));
		expect(naive.some((r) => (r.churned_customers ?? 0) > 0 && r.reactivated_customers >= 0)).toBe(true);
		for (const [i, n] of naive.entries()) {
			const s = sql[i]!;
			expect(s.complete, `${n.period} complete`).toBe(n.complete);
			for (const [key, value] of Object.entries(n)) {
				if (key === 'period' || key === 'complete') continue;
				close(
					s[key as keyof KpiPeriod] as number | null,
					value as number | null,
					`${grain} ${n.period} ${key}`
				);
			}
		}
	});

	it('KPIs at an earlier as-of date, by month', async () => {
		const early = '2023-11-15';
		const sql = await kpiPeriods(db, 'month', { as_of: early });
		const naive = naiveKpis(EVENTS, 'month', early, W);
		expect(sql.length).toBe(naive.length);
		for (const [i, n] of naive.entries()) {
			for (const [key, value] of Object.entries(n)) {
				if (key === 'period' || key === 'complete') continue;
				close(sql[i]![key as keyof KpiPeriod] as number | null, value as number | null, `${n.period} ${key}`);
			}
		}
	});

	it.each(['month', 'week'] as NaiveGrain[])('cohort cells by %s', async (grain) => {
		const sql = (await cohortRetention(db, { period: grain })).filter((c) => !c.is_average);
		const naive = naiveCohorts(EVENTS, grain, asOf);
		expect(sql.length).toBe(naive.length);
		for (const [i, n] of naive.entries()) {
			const s = sql[i]!;
			expect([s.cohort, s.k, s.cohort_size, s.customers, s.customers_on_or_after]).toEqual([
				n.cohort,
				n.k,
				n.size,
				n.on,
				n.onOrAfter
			]);
			close(s.revenue_ratio, n.revenueRatio, `${n.cohort} ${n.k} revenue`);
		}
	});

	it.each(['month', 'week'] as NaiveGrain[])('lifecycle by %s', async (grain) => {
		const sql = await lifecyclePeriods(db, { period: grain });
		const naive = naiveLifecycle(EVENTS, grain, asOf);
		expect(sql.map((r) => [r.period, r.new, r.returning, r.resurrecting, r.dormant])).toEqual(
			naive.map((r) => [r.period, r.new, r.returning, r.resurrecting, r.dormant])
		);
	});
});
