import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { sharedDatasets, tempDb } from '../helpers/db';
import { loadCdnowSample } from './cdnow';
import { refreshMetrics } from '../../src/lib/server/metrics/refresh';

const dir = sharedDatasets();
if (!dir) console.warn('skipping the CDNOW model summary test: ../shared/datasets is absent');

describe('model summary (queries/model_summary.sql)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterAll(() => cleanup());

	it('merges same-day purchases, drops what is after as_of, and leaves the first day out of m', async () => {
		await db.exec(`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, amount) VALUES
			('1', 'a', '2024-01-01 09:00', 'purchase', 10), ('2', 'a', '2024-01-01 18:00', 'purchase', 5),
			('3', 'a', '2024-01-08 10:00', 'purchase', 20), ('4', 'a', '2024-01-15 23:59', 'purchase', 40),
			('5', 'a', '2024-01-15 12:00', 'refund', -4), ('6', 'a', '2024-01-16 00:00', 'purchase', 99),
			('7', 'b', '2024-01-10 10:00', 'purchase', 7), ('8', 'b', '2024-01-11 10:00', 'email_open', NULL),
			('9', 'c', '2024-01-12 10:00', 'refund', -3), ('10', 'b', '2024-01-13 10:00', 'refund', -2)`);
		await refreshMetrics(db);
		const rows = await db.query<Record<string, unknown>>('model_summary', {
			as_of: '2024-01-15',
			unit_days: 7
		});
		const byId = Object.fromEntries(rows.map((r) => [r.customer_id as string, r]));
		expect(Object.keys(byId).sort()).toEqual(['a', 'b']);
		expect(byId.a).toMatchObject({ x: 2, t_x: 2, T: 2, m: 30, net_revenue: 71 });
		// b's refund falls on a day without a purchase: it lowers the historic CLV only.
		expect(byId.b).toMatchObject({ x: 0, t_x: 0, T: 5 / 7, m: 0, net_revenue: 5 });
		await db.exec('DELETE FROM interactions');
	});

	it.skipIf(!dir)(
		'equals the lifetimes CDNOW summary for all 2,357 customers (end 1997-09-30, weeks)',
		async () => {
			await loadCdnowSample(db, join(dir!, 'cdnow', 'cdnow_sample.csv'));
			const got = await db.query<{ customer_id: string; x: number; t_x: number; T: number; m: number }>(
				'model_summary',
				{ as_of: '1997-09-30', unit_days: 7 }
			);
			const want = await db.sql<{ id: string; x: number; t_x: number; T: number; zbar: number }>(
				`SELECT "ID"::VARCHAR AS id, x, t_x, "T", zbar FROM read_csv($path, header = true)`,
				{ path: join(dir!, 'cdnow', 'cdnow_customers_summary_with_transactions.csv') }
			);
			expect(want.length).toBe(2357);
			expect(got.length).toBe(2357);
			const mine = new Map(got.map((r) => [r.customer_id, r]));
			let mismatches = 0;
			for (const w of want) {
				const g = mine.get(w.id);
				const same =
					g !== undefined &&
					g.x === w.x &&
					Math.abs(g.t_x - w.t_x) < 0.005 + 1e-9 &&
					Math.abs(g.T - w.T) < 0.005 + 1e-9 &&
					Math.abs(g.m - w.zbar) < 0.005 + 1e-9;
				if (!same) mismatches++;
			}
			expect(mismatches).toBe(0);
		}
	);

	it.skipIf(!dir)(
		'at a calibration end after every purchase, the projection of customer_summary equals the aggregation',
		async () => {
			// The sample's last purchase is in 1998; both queries, every column, every customer, bit for bit.
			await expectSameSummaries(db, '1998-07-01', 7);
		}
	);
});

describe('model summary from customer_summary (queries/model_summary_current.sql)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterAll(() => cleanup());

	it('equals queries/model_summary.sql with same-day purchases, refund-only days and non-buyers', async () => {
		await db.exec(`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, amount) VALUES
			('1', 'a', '2024-01-01 09:00', 'purchase', 10.10), ('2', 'a', '2024-01-01 18:00', 'purchase', 5),
			('3', 'a', '2024-01-08 10:00', 'purchase', 20.33), ('4', 'a', '2024-01-15 23:59', 'purchase', 40),
			('5', 'a', '2024-01-15 12:00', 'refund', -4), ('6', 'a', '2024-01-16 00:00', 'purchase', 99.99),
			('7', 'b', '2024-01-10 10:00', 'purchase', 7), ('8', 'b', '2024-01-11 10:00', 'email_open', NULL),
			('9', 'c', '2024-01-12 10:00', 'refund', -3), ('10', 'b', '2024-01-13 10:00', 'refund', -2),
			('11', 'd', '2024-01-02 10:00', 'web_visit', NULL)`);
		await refreshMetrics(db);
		for (const unit of [1, 7]) await expectSameSummaries(db, '2024-01-20', unit);
		const rows = await db.query<{ customer_id: string }>('model_summary_current', {
			as_of: '2024-01-20',
			unit_days: 1
		});
		expect(rows.map((r) => r.customer_id).sort()).toEqual(['a', 'b']);
	});
});

/** Both model summary queries at `asOf`, sorted by customer, compared column by column. */
async function expectSameSummaries(db: Database, asOf: string, unitDays: number): Promise<void> {
	const params = { as_of: asOf, unit_days: unitDays };
	const sorted = (rows: Record<string, unknown>[]) =>
		rows
			.map((r): Record<string, unknown> => ({
				...r,
				first_purchase: String(r.first_purchase),
				last_purchase: String(r.last_purchase)
			}))
			.sort((p, q) => String(p.customer_id).localeCompare(String(q.customer_id)));
	const aggregated = sorted(await db.query<Record<string, unknown>>('model_summary', params));
	const projected = sorted(await db.query<Record<string, unknown>>('model_summary_current', params));
	expect(aggregated.length).toBeGreaterThan(0);
	expect(projected).toEqual(aggregated);
}
