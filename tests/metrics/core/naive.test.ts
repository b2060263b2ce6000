import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	customerSummaryTotals,
	refreshMetrics,
	rfmCustomers,
	rfmSegmentDefinitions,
	type RfmSegmentDefinition
} from '../../../src/lib/server/metrics';
import { tempDb } from '../../helpers/db';
import { loadCustomers, loadInteractions } from './fixtures';
import { generateHistory, naiveSummary } from './naive';

describe('SQL summary and RFM agree with a naive TypeScript implementation on generated data', () => {
	let db: Database;
	let cleanup: () => void;
	let defs: RfmSegmentDefinition[];
	const data = generateHistory(20251125, 600);

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await loadCustomers(db, data.customers);
		await loadInteractions(db, data.interactions);
		await refreshMetrics(db);
		defs = await rfmSegmentDefinitions(db);
	});
	afterAll(() => cleanup());

	it('the materialised summary (default as-of) equals the naive one for every customer', async () => {
		const [state] = await db.sql<{ as_of: string }>(
			"SELECT params->>'as_of' AS as_of FROM derived_state WHERE name = 'metrics'"
		);
		const naive = naiveSummary(data.customers, data.interactions, state!.as_of, defs);
		const sql = await db.sql(
			`SELECT customer_id, orders, purchase_days, net_revenue::DOUBLE AS net_revenue, recency_days, tenure_days,
			 mean_days_between_orders, r_score, f_score, m_score, rfm_segment, lifecycle_stage
			 FROM customer_summary ORDER BY customer_id`
		);
		expect(naive.filter((c) => c.orders > 0).length).toBeGreaterThan(300);
		expect(new Set(naive.map((c) => c.rfm_segment)).size).toBeGreaterThan(6);
		expect(sql).toEqual(naive);
	});

	it('an earlier as-of date (computed on the fly) equals the naive one', async () => {
		const asOf = '2024-09-15';
		const naive = naiveSummary(data.customers, data.interactions, asOf, defs).filter((c) => c.orders > 0);
		const { rows } = await rfmCustomers(db, { as_of: asOf });
		expect(
			rows.map((r) => ({
				customer_id: r.customer_id,
				orders: r.orders,
				net_revenue: r.net_revenue,
				recency_days: r.recency_days,
				r_score: r.r_score,
				f_score: r.f_score,
				m_score: r.m_score,
				rfm_segment: r.rfm_segment,
				lifecycle_stage: r.lifecycle_stage
			}))
		).toEqual(
			naive.map((c) => ({
				customer_id: c.customer_id,
				orders: c.orders,
				net_revenue: c.net_revenue,
				recency_days: c.recency_days,
				r_score: c.r_score,
				f_score: c.f_score,
				m_score: c.m_score,
				rfm_segment: c.rfm_segment,
				lifecycle_stage: c.lifecycle_stage
			}))
		);
		const totals = await customerSummaryTotals(db, { as_of: asOf });
		expect(totals.orders).toBe(naive.reduce((a, c) => a + c.orders, 0));
		expect(totals.net_revenue).toBeCloseTo(
			naive.reduce((a, c) => a + c.net_revenue, 0),
			6
		);
	});
});
