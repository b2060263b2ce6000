import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { ingestFile, type IngestReport } from '../../src/lib/server/ingest';
import { sharedDatasets, tempDb } from '../helpers/db';

const shared = sharedDatasets();
if (!shared)
	console.log(
		'tests/ingest/real-data: ../shared/datasets is absent; skipping the real-data ingestion checks'
	);

// Figures from ../shared/datasets/online_retail/README.md: 1,044,847 rows; 235,287 without a customer id, of which
// 3,393 are negative-quantity stock adjustments and 6 'A' bad-debt adjustments; 19,165 cancellation lines.
describe.skipIf(!shared)('real data (../shared/datasets)', () => {
	let db: Database;
	let cleanup: () => void;
	let csv: IngestReport;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		csv = await ingestFile(db, join(shared!, 'online_retail', 'online_retail_ii.csv.gz'), {
			preset: 'online-retail',
			noRefresh: true
		});
	}, 600_000);
	afterAll(() => cleanup());

	it('online retail CSV: every row read is loaded or quarantined, cancellations become refunds', async () => {
		expect(csv.rows_read).toBe(1_044_847);
		expect(csv.rows_loaded + csv.rows_quarantined).toBe(1_044_847);
		expect(csv.reasons).toEqual({
			'missing customer id': 235_287 - 3_393 - 6,
			'negative quantity': 3_393,
			'bad debt adjustment': 6
		});
		const rows = await db.sql<{ type: string; n: number; positive: number; c_invoices: number }>(
			`SELECT type, count(*)::INTEGER AS n, count(*) FILTER (WHERE amount > 0)::INTEGER AS positive,
				count(*) FILTER (WHERE order_id LIKE 'C%')::INTEGER AS c_invoices
			 FROM interactions GROUP BY type ORDER BY type`
		);
		const refunds = rows.find((r) => r.type === 'refund')!;
		const purchases = rows.find((r) => r.type === 'purchase')!;
		expect(refunds.positive).toBe(0);
		expect(refunds.c_invoices).toBe(refunds.n);
		expect(purchases.c_invoices).toBe(0);
		expect(refunds.n + purchases.n).toBe(csv.rows_loaded);
		// The README's clean subset (customer, not C, quantity > 0, price > 0: 791,044 lines, 17,431,533.18) is in the
		// loaded purchases. amount is DECIMAL(18,2), so a few lines priced at fractions of a penny round to 0.00 and
		// the revenue sum differs by rounding only.
		const clean = await db.sql<{ n: number; revenue: number }>(
			`SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS revenue FROM interactions
			 WHERE type = 'purchase' AND quantity > 0 AND amount > 0`
		);
		expect(clean[0]!.n).toBeLessThanOrEqual(791_044);
		expect(clean[0]!.n).toBeGreaterThan(791_044 - 50);
		expect(Math.abs(clean[0]!.revenue - 17_431_533.18)).toBeLessThan(0.5);
	});

	it('online retail Parquet gives the same counts (and is recognised as new content)', async () => {
		const other = await tempDb();
		try {
			const pq = await ingestFile(other.db, join(shared!, 'online_retail', 'online_retail_ii.parquet'), {
				preset: 'online-retail',
				noRefresh: true
			});
			expect(pq.format).toBe('parquet');
			expect([pq.rows_read, pq.rows_loaded, pq.rows_quarantined, pq.reasons]).toEqual([
				csv.rows_read,
				csv.rows_loaded,
				csv.rows_quarantined,
				csv.reasons
			]);
		} finally {
			other.cleanup();
		}
	}, 600_000);

	it('cdnow master: all 69,659 rows load as purchases, identical rows included', async () => {
		const other = await tempDb();
		try {
			const r = await ingestFile(other.db, join(shared!, 'cdnow', 'cdnow_master.csv'), {
				preset: 'cdnow',
				noRefresh: true
			});
			expect([r.rows_read, r.rows_loaded, r.rows_quarantined]).toEqual([69_659, 69_659, 0]);
			const totals = await other.db.sql(
				`SELECT count(DISTINCT customer_id)::INTEGER AS customers, sum(amount)::VARCHAR AS total,
					count(*) FILTER (WHERE type <> 'purchase')::INTEGER AS not_purchases FROM interactions`
			);
			expect(totals[0]).toEqual({ customers: 23_570, total: '2500315.63', not_purchases: 0 });
		} finally {
			other.cleanup();
		}
	}, 300_000);
});
