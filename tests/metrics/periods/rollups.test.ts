import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	channelPeriods,
	cohortRetention,
	GRAINS,
	kpiPeriods,
	lifecyclePeriods,
	LIFECYCLE_STAGES,
	type Filters
} from '../../../src/lib/server/metrics';
import { rollupDim } from '../../../src/lib/server/metrics/rollups';
import { freshness } from '../../../src/lib/server/derived/registry';
import { markStale } from '../../helpers/derived';
import { fixtureDb, type Cust } from './fixture';
import { generateEvents } from './naive';

/** Sums of doubles in another order may differ in the last bits; 12 significant digits is far below any metric. */
function rounded(value: unknown): unknown {
	if (typeof value === 'number' && !Number.isInteger(value)) return Number(value.toPrecision(12));
	if (Array.isArray(value)) return value.map(rounded);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rounded(v)]));
	}
	return value;
}

const REGIONS = ['north', 'south', null] as const;
const ACQUISITION = ['ads', 'referral', null] as const;
const COUNTRIES = ['United Kingdom', 'France', null, 'United Kingdom'] as const;

/** The period metrics that read a rollup, with one filter set and grain. */
async function readAll(
	db: Database,
	f: Filters,
	grain: (typeof GRAINS)[number],
	breakdown?: 'region' | 'country'
) {
	return rounded({
		kpis: await kpiPeriods(db, grain, f),
		lifecycle: await lifecyclePeriods(db, { ...f, period: grain }),
		cohorts: await cohortRetention(db, { ...f, period: grain, breakdown }),
		channels: await channelPeriods(db, { ...f, period: grain })
	});
}

/** Marks the registry entry 'periods' stale (off): every read computes the period tables and rollups inline. */
async function storedRollups(db: Database, on: boolean): Promise<void> {
	await markStale(db, 'periods', !on);
}

describe('rollups', () => {
	let t: Awaited<ReturnType<typeof fixtureDb>>;
	let segments: string[] = [];

	beforeAll(async () => {
		const events = generateEvents(7, 60, '2023-06-01', 400);
		const customers: Cust[] = [...new Set(events.map((e) => e.c))].map((id, i) => ({
			id,
			region: REGIONS[i % 3]!,
			acquisition_channel: ACQUISITION[Math.floor(i / 3) % 3]!,
			country: COUNTRIES[Math.floor(i / 2) % 4]!
		}));
		t = await fixtureDb(events, customers);
		const rows = await t.db.sql<{ s: string }>(
			'SELECT DISTINCT rfm_segment AS s FROM customer_summary WHERE rfm_segment IS NOT NULL ORDER BY 1'
		);
		segments = rows.map((r) => r.s);
	}, 120_000);
	afterAll(() => t?.cleanup());

	it('the refresh fills every rollup and records it', async () => {
		const counts = await t.db.sql<{ k: number; c: number; ch: number }>(
			`SELECT (SELECT count(*) FROM kpi_rollup) k, (SELECT count(*) FROM cohort_rollup) c,
				(SELECT count(*) FROM channel_rollup) ch`
		);
		expect((await freshness(t.db)).entries.periods!.current).toBe(true);
		expect(counts[0]!.k).toBeGreaterThan(0);
		expect(counts[0]!.c).toBeGreaterThan(0);
		expect(counts[0]!.ch).toBeGreaterThan(0);
	});

	it('a rollup read equals the same metric from the detailed tables, for random filters and grains', async () => {
		const filter = fc.record(
			{
				region: fc.constantFrom('north', 'south', 'east'),
				country: fc.constantFrom('United Kingdom', 'France'),
				acquisition_channel: fc.constantFrom('ads', 'referral'),
				segment: fc.constantFrom(...segments),
				lifecycle: fc.constantFrom(...LIFECYCLE_STAGES),
				channel: fc.constantFrom('web', 'store', 'zalo', 'email')
			},
			{ requiredKeys: [] }
		);
		await fc.assert(
			fc.asyncProperty(
				filter,
				fc.constantFrom(...GRAINS),
				fc.constantFrom(undefined, 'region' as const, 'country' as const),
				async (f, grain, breakdown) => {
					await storedRollups(t.db, true);
					const fromRollup = await readAll(t.db, f, grain, breakdown);
					await storedRollups(t.db, false);
					const fromDetail = await readAll(t.db, f, grain, breakdown);
					await storedRollups(t.db, true);
					expect(fromRollup).toEqual(fromDetail);
				}
			),
			{ numRuns: 25, seed: 20251125 }
		);
	}, 240_000);

	it('filters with values (single ones) pick their rollup rows; several fall back', () => {
		expect(rollupDim({}, true)).toEqual({ dim: 'all', dim_value: null });
		expect(rollupDim({ region: 'north' }, true)).toEqual({ dim: 'region', dim_value: 'north' });
		expect(rollupDim({ country: 'France' }, true)).toEqual({ dim: 'country', dim_value: 'France' });
		expect(rollupDim({ country: 'France', region: 'north' }, true)).toBeUndefined();
		expect(rollupDim({ channel: 'Web' }, true)).toEqual({ dim: 'channel', dim_value: 'web' });
		// the channel rollup has channel as a column: there a channel filter is not a filter dimension
		expect(rollupDim({ channel: 'web', segment: 'lost' }, false)).toEqual({
			dim: 'segment',
			dim_value: 'lost'
		});
		expect(rollupDim({ region: 'north', segment: 'lost' }, true)).toBeUndefined();
		// from/to/as_of are not customer filters
		expect(rollupDim({ from: '2024-01-01', to: '2024-02-01' }, true)).toEqual({
			dim: 'all',
			dim_value: null
		});
	});
});
