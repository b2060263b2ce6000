import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	channelPeriods,
	cohortRetention,
	csatByChannel,
	journeyFunnel,
	kpiPeriods,
	lifecyclePeriods,
	ticketPeriods
} from '../../../src/lib/server/metrics';
import { fixtureDb } from './fixture';
import { addDays, generateEvents, nextPeriod, periodOf } from './naive';

/**
 * Floating-point sums depend on the order DuckDB's parallel aggregation adds them in, so ratios may differ in the
 * last bits between two row orders; 12 significant digits is far below any difference a metric can show.
 */
function rounded(value: unknown): unknown {
	if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map(rounded);
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
	}
	return value;
}

async function everything(db: Database) {
	return rounded({
		kpis: await kpiPeriods(db, 'month'),
		weeks: await kpiPeriods(db, 'week'),
		cohorts: await cohortRetention(db, { period: 'month' }),
		lifecycle: await lifecyclePeriods(db, { period: 'month' }),
		channels: await channelPeriods(db, { period: 'month' }),
		csat: await csatByChannel(db, {}),
		tickets: await ticketPeriods(db, { period: 'month' }),
		funnel: await journeyFunnel(db, {})
	});
}

describe('properties', () => {
	it('shuffling the input rows changes no metric', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 1, max: 1e9 }),
				fc.integer({ min: 1, max: 1e9 }),
				async (seed, order) => {
					const events = generateEvents(seed, 25, '2023-06-01', 300);
					const keys = events.map((_, i) => ((i + 1) * order) % 1_000_003);
					const shuffled = events
						.map((e, i) => [keys[i]!, e] as const)
						.sort((a, b) => a[0] - b[0])
						.map(([, e]) => e);
					const a = await fixtureDb(events);
					const b = await fixtureDb(shuffled);
					try {
						expect(await everything(b.db)).toEqual(await everything(a.db));
					} finally {
						a.cleanup();
						b.cleanup();
					}
				}
			),
			{ numRuns: 2 }
		);
		// Four fixture databases: seconds on an idle machine, minutes on a crowded one.
	}, 900_000);

	describe('cohort sizes', () => {
		let db: Database;
		let cleanup: () => void;
		beforeAll(async () => {
			const t = await fixtureDb(generateEvents(77, 80, '2023-01-01', 500));
			db = t.db;
			cleanup = t.cleanup;
		});
		afterAll(() => cleanup());

		it('sum to the customers whose first purchase falls in a cohort period overlapping from/to', async () => {
			const days = fc.integer({ min: -30, max: 540 }).map((n) => addDays('2023-01-01', n));
			await fc.assert(
				fc.asyncProperty(days, days, fc.constantFrom('month', 'week', 'quarter'), async (x, y, grain) => {
					const [from, to] = x <= y ? [x, y] : [y, x];
					const cells = await cohortRetention(db, { period: grain, from, to });
					const sizes = cells
						.filter((c) => !c.is_average && c.k === 0)
						.reduce((s, c) => s + c.cohort_size, 0);
					const firsts = await db.sql<{ d: string }>(
						"SELECT strftime(first_purchase_at::DATE, '%Y-%m-%d') AS d FROM customer_summary WHERE first_purchase_at IS NOT NULL"
					);
					const expected = firsts.filter((r) => {
						const p = periodOf(r.d, grain);
						return addDays(nextPeriod(p, grain), -1) >= from && p <= to;
					}).length;
					expect(sizes).toBe(expected);
				}),
				{ numRuns: 15 }
			);
		}, 300_000);
	});
});
