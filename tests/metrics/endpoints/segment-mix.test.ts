import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markStale } from '../../helpers/derived';
import type { Database } from '../../../src/lib/server/db';
import type { Filters } from '../../../src/lib/server/metrics/filters';
import { generateDemo } from '../../../src/lib/server/demo';
import { refreshDerived } from '../../../src/lib/server/pipeline';
import { refreshSegmentMix, segmentMixTrend, STORED_MIX } from '../../../src/lib/server/overview';
import { tempDb } from '../../helpers/db';

describe('segment and stage mix over time (stored by the refresh step mix)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await generateDemo(db, { customers: 600, seed: 11 });
		await refreshDerived(db);
	}, 120_000);
	afterAll(() => cleanup());

	const stored = async () =>
		(await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM segment_mix'))[0]!.n;

	it('reads the stored cells, and they equal scoring the customers at each date', async () => {
		expect(await stored()).toBeGreaterThan(0);
		const views: Filters[] = [{}, { region: 'Hà Nội' }, { segment: 'champions' }, { lifecycle: 'active' }];
		for (const filters of views) {
			const fromTable = await segmentMixTrend(db, filters);
			// One point fewer is not stored: the same dates but the last are scored on the fly.
			const scored = await segmentMixTrend(db, filters, STORED_MIX.grain, STORED_MIX.points - 1);
			const dates = [...new Set(fromTable.map((r) => r.as_of))];
			expect(dates).toHaveLength(STORED_MIX.points);
			const tail = fromTable.filter((r) => r.as_of !== dates[0]);
			expect(tail).toEqual(scored);
		}
	});

	it('is what the default view reads, and is not used once the summary has been refreshed after it', async () => {
		const before = await segmentMixTrend(db, {});
		await db.exec('UPDATE segment_mix SET customers = customers * 2');
		const doubled = await segmentMixTrend(db, {});
		expect(doubled.map((r) => r.customers)).toEqual(before.map((r) => r.customers * 2));
		await markStale(db, 'mix', true);
		// Stale cells are ignored: the answer is computed again, so the doubled counts never show.
		expect(await segmentMixTrend(db, {})).toEqual(before);
		await refreshSegmentMix(db);
		expect(await segmentMixTrend(db, {})).toEqual(before);
		expect(await stored()).toBeGreaterThan(0);
	});
});
