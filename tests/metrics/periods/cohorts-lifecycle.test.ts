import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { cohortRetention, lifecyclePeriods, type CohortCell } from '../../../src/lib/server/metrics';
import { fixtureDb } from './fixture';
import { KPI_CUSTOMERS, KPI_EVENTS } from './data';

/*
 * The KPI fixture (kpis.test.ts), by month. Cohorts: 2024-01 = {a, b} (size 2), 2024-02 = {c}, 2024-06 = {e}.
 * a buys in Jan and Feb (last active k=1); b in Jan and Jun (k=5); c in Feb, refund in Mar; e in Jun.
 */
describe('cohort retention (hand-computed)', () => {
	let db: Database;
	let cleanup: () => void;
	let cells: CohortCell[];
	const cell = (cohort: string | null, k: number) => cells.find((c) => c.cohort === cohort && c.k === k)!;
	beforeAll(async () => {
		const t = await fixtureDb(KPI_EVENTS, KPI_CUSTOMERS);
		db = t.db;
		cleanup = t.cleanup;
		cells = await cohortRetention(db, { period: 'month' });
	});
	afterAll(() => cleanup());

	it('has one row per cohort and period up to the as-of month, the last one incomplete', () => {
		const jan = cells.filter((c) => c.cohort === '2024-01-01');
		expect(jan.map((c) => c.k)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(jan.map((c) => c.complete)).toEqual([true, true, true, true, true, false]);
		expect(cells.filter((c) => c.cohort === '2024-06-01').map((c) => c.k)).toEqual([0]);
	});

	it('"on": share purchasing in cohort + k', () => {
		expect([0, 1, 2, 3, 4, 5].map((k) => cell('2024-01-01', k).share_on)).toEqual([1, 0.5, 0, 0, 0, 0.5]);
		expect(cell('2024-02-01', 1).share_on).toBe(0);
	});

	it('"on-or-after": share purchasing in cohort + k or later', () => {
		expect([0, 1, 2, 3, 4, 5].map((k) => cell('2024-01-01', k).share_on_or_after)).toEqual([
			1, 1, 0.5, 0.5, 0.5, 0.5
		]);
		expect(cell('2024-02-01', 1).share_on_or_after).toBe(0);
	});

	it('"revenue": revenue in period k / cohort revenue in period 0 (refunds count)', () => {
		expect(cell('2024-01-01', 1).revenue_ratio).toBeCloseTo(200 / 450, 10);
		expect(cell('2024-01-01', 5).revenue_ratio).toBeCloseTo(100 / 450, 10);
		expect(cell('2024-02-01', 1).revenue_ratio).toBeCloseTo(-100 / 400, 10);
	});

	it('weighted average over the cohorts whose cell k is complete (weights = cohort sizes)', () => {
		// k=0: Jan (2) and Feb (1) complete, Jun incomplete -> (2 + 1) / 3
		expect(cell(null, 0)).toMatchObject({ is_average: true, cohort_size: 3, share_on: 1 });
		// k=1: Jan (a of 2) and Feb (nobody of 1) -> 1/3; on-or-after 2/3; revenue (2*200/450 + 1*(-0.25)) / 3
		expect(cell(null, 1).share_on).toBeCloseTo(1 / 3, 10);
		expect(cell(null, 1).share_on_or_after).toBeCloseTo(2 / 3, 10);
		expect(cell(null, 1).revenue_ratio).toBeCloseTo((2 * (200 / 450) - 0.25) / 3, 10);
		// k=5 is incomplete for every cohort: no average
		expect(cells.find((c) => c.is_average && c.k === 5)).toBeUndefined();
	});

	it('mode picks the value; cohort sizes sum to the customers with a first purchase', async () => {
		const ooa = await cohortRetention(db, { period: 'month', mode: 'on-or-after' });
		expect(ooa.find((c) => c.cohort === '2024-01-01' && c.k === 2)?.value).toBe(0.5);
		const sizes = cells.filter((c) => !c.is_average && c.k === 0).reduce((s, c) => s + c.cohort_size, 0);
		expect(sizes).toBe(4);
	});

	it('breakdown by region splits each cohort', async () => {
		const byRegion = await cohortRetention(db, { period: 'month', breakdown: 'region' });
		const jan = byRegion.filter((c) => c.cohort === '2024-01-01' && c.k === 0);
		expect(jan.map((c) => [c.breakdown, c.cohort_size])).toEqual([['HN', 2]]);
		const feb = byRegion.filter((c) => c.cohort === '2024-02-01' && c.k === 0);
		expect(feb.map((c) => [c.breakdown, c.cohort_size])).toEqual([['HCM', 1]]);
	});

	it('from/to keep the cohorts whose period overlaps the range', async () => {
		const feb = await cohortRetention(db, { period: 'month', from: '2024-02-15', to: '2024-05-01' });
		expect(new Set(feb.filter((c) => !c.is_average).map((c) => c.cohort))).toEqual(new Set(['2024-02-01']));
	});

	it('rejects an unknown breakdown (whitelist) before any SQL', async () => {
		await expect(
			cohortRetention(db, { period: 'month', breakdown: 'name; DROP TABLE x' as never })
		).rejects.toThrow();
	});
});

describe('lifecycle per period (hand-computed)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await fixtureDb(KPI_EVENTS, KPI_CUSTOMERS);
		db = t.db;
		cleanup = t.cleanup;
	});
	afterAll(() => cleanup());

	it('new / returning / resurrecting / dormant by month', async () => {
		const rows = await lifecyclePeriods(db, { period: 'month' });
		const pick = (p: string) => {
			const r = rows.find((x) => x.period === p)!;
			return [r.new, r.returning, r.resurrecting, r.dormant];
		};
		expect(pick('2024-01-01')).toEqual([2, 0, 0, 0]);
		expect(pick('2024-02-01')).toEqual([1, 1, 0, 1]); // c new, a returning, b dormant
		expect(pick('2024-03-01')).toEqual([0, 0, 0, 2]); // a and c dormant
		expect(pick('2024-04-01')).toEqual([0, 0, 0, 0]);
		expect(pick('2024-06-01')).toEqual([1, 0, 1, 0]); // e new, b resurrecting
	});

	it('from/to trim the periods', async () => {
		const rows = await lifecyclePeriods(db, { period: 'quarter', from: '2024-04-01' });
		// Q1 active: a, b, c. Q2 active: b, e. So Q2: e new, b returning, a and c dormant.
		expect(rows.map((r) => [r.period, r.new, r.returning, r.resurrecting, r.dormant, r.complete])).toEqual([
			['2024-04-01', 1, 1, 0, 2, false]
		]);
	});
});
