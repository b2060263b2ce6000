import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { cohortRetention, COHORT_BREAKDOWNS, type CohortParams } from '../../../src/lib/server/metrics';
import { refreshMetrics } from '../../../src/lib/server/metrics/refresh';
import { refreshPeriodTables } from '../../../src/lib/server/metrics/periods-refresh';
import { freshness } from '../../../src/lib/server/derived/registry';
import { markStale } from '../../helpers/derived';
import { COHORT_GRID_BREAKDOWNS } from '../../../src/lib/server/metrics/rollups';
import { fixtureDb, loadFixture, type Cust } from './fixture';
import { generateEvents } from './naive';

/**
 * Table cohort_grid (built by the 'periods' step with cohort_rollup): the stored rows equal queries/cohort_retention.sql
 * over the rollup for every grain and breakdown, it is read only while the registry entry 'periods' is current, and a refresh over new data rebuilds it.
 */

/** Sums of doubles in another order may differ in the last bits; 12 significant digits is far below any metric. */
function rounded(value: unknown): unknown {
	if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map(rounded);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
	}
	return value;
}

/** The grid is current with the registry entry 'periods' (on) or stale with it. */
async function gridMarked(db: Database, on: boolean): Promise<void> {
	await markStale(db, 'periods', !on);
}

const GRID_GRAINS = ['week', 'month', 'quarter', 'year'] as const;
const BREAKDOWNS = [undefined, ...COHORT_BREAKDOWNS];

describe('cohort_grid: the stored cohort grid', () => {
	let t: Awaited<ReturnType<typeof fixtureDb>>;
	const events = generateEvents(11, 50, '2023-06-01', 400);
	const customers: Cust[] = [...new Set(events.map((e) => e.c))].map((id, i) => ({
		id,
		region: ['north', 'south', null][i % 3] ?? null,
		acquisition_channel: ['ads', 'referral'][i % 2] ?? null
	}));

	beforeAll(async () => {
		t = await fixtureDb(events, customers);
	}, 120_000);
	afterAll(() => t?.cleanup());

	it('covers the breakdowns of cohorts.ts and is recorded by the periods refresh', async () => {
		expect([...COHORT_GRID_BREAKDOWNS].sort()).toEqual(['none', ...COHORT_BREAKDOWNS].sort());
		const rows = await t.db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM cohort_grid');
		expect((await freshness(t.db)).entries.periods!.current).toBe(true);
		expect(rows[0]!.n).toBeGreaterThan(0);
	});

	it('gives the rows of cohort_retention.sql over the rollup, for every grain and breakdown', async () => {
		for (const period of GRID_GRAINS) {
			for (const breakdown of BREAKDOWNS) {
				for (const mode of ['on', 'revenue'] as const) {
					const q: CohortParams = { period, breakdown, mode };
					await gridMarked(t.db, true);
					const stored = await cohortRetention(t.db, q);
					await gridMarked(t.db, false);
					const computed = await cohortRetention(t.db, q);
					await gridMarked(t.db, true);
					expect(stored.length, `${period} ${breakdown}`).toBeGreaterThan(0);
					expect(rounded(stored), `${period} ${breakdown} ${mode}`).toEqual(rounded(computed));
				}
			}
		}
	}, 120_000);

	it('is read while marked (a change to it shows); filters and from/to are computed', async () => {
		await t.db.exec("UPDATE cohort_grid SET customers = customers + 1000 WHERE grain = 'month'");
		try {
			const read = await cohortRetention(t.db, { period: 'month' });
			const computed = await cohortRetention(t.db, { period: 'month', from: '1900-01-01' });
			const filtered = await cohortRetention(t.db, { period: 'month', region: 'north' });
			expect(read.every((r) => r.customers >= 1000)).toBe(true);
			expect(computed.some((r) => r.customers < 1000)).toBe(true);
			expect(filtered.every((r) => r.customers < 1000)).toBe(true);
		} finally {
			await refreshPeriodTables(t.db);
		}
		expect(rounded(await cohortRetention(t.db, { period: 'month' }))).toEqual(
			rounded(await cohortRetention(t.db, { period: 'month', from: '1900-01-01' }))
		);
	});

	it('after new data and a refresh the grid is rebuilt with the period tables', async () => {
		const before = await cohortRetention(t.db, { period: 'quarter' });
		const more = generateEvents(12, 30, '2024-01-01', 200).map((e, i) => ({
			...e,
			c: `new-${e.c}`,
			id: `new-i${i}`,
			order: (e.type ?? 'purchase') === 'purchase' ? `new-o${i}` : (e.order ?? null)
		}));
		await loadFixture(t.db, more); // inserts and runs the metrics and periods refresh
		const after = await cohortRetention(t.db, { period: 'quarter' });
		expect(rounded(after)).not.toEqual(rounded(before));
		expect(rounded(after)).toEqual(
			rounded(await cohortRetention(t.db, { period: 'quarter', from: '1900-01-01' }))
		);
		// refreshing again over the same data rebuilds the same grid
		await refreshMetrics(t.db);
		await refreshPeriodTables(t.db);
		expect(rounded(await cohortRetention(t.db, { period: 'quarter' }))).toEqual(rounded(after));
	}, 120_000);
});
