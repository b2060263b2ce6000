import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { generateDemo } from '../../../src/lib/server/demo';
import {
	customerSummaryTotals,
	lifecycleCustomerCounts,
	refreshMetrics,
	rfmScoreDistribution,
	segmentSummary
} from '../../../src/lib/server/metrics';
import { tempDb } from '../../helpers/db';

describe('metrics core on the sample data (generateDemo, 3,000 customers)', () => {
	let db: Database;
	let cleanup: () => void;

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await generateDemo(db, { customers: 3_000, seed: 7 });
		await refreshMetrics(db);
	});
	afterAll(() => cleanup());

	it('every named segment is non-empty', async () => {
		const segments = await segmentSummary(db);
		const empty = segments.filter((s) => s.segment !== 'others' && s.customers === 0).map((s) => s.segment);
		expect(empty).toEqual([]);
		const totals = await customerSummaryTotals(db);
		expect(segments.reduce((a, s) => a + s.customers, 0)).toBe(totals.customers_with_purchase);
	});

	it('every lifecycle stage is non-empty', async () => {
		const { rows } = await lifecycleCustomerCounts(db);
		expect(rows.filter((r) => r.customers === 0).map((r) => r.lifecycle_stage)).toEqual([]);
	});

	it('R and M scores form quintiles (few ties), F keeps one-order customers at 1', async () => {
		const dist = await rfmScoreDistribution(db);
		const buyers = (await customerSummaryTotals(db)).customers_with_purchase;
		for (const d of dist.filter((x) => x.dimension === 'm')) {
			expect(d.customers / buyers).toBeGreaterThan(0.15);
			expect(d.customers / buyers).toBeLessThan(0.25);
		}
		const f1 = dist.find((d) => d.dimension === 'f' && d.score === 1)!;
		expect(f1.max_value).toBe(1);
	});
});
