import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { loadQuery } from '../../../src/lib/server/db';
import { generateDemo } from '../../../src/lib/server/demo';
import {
	refreshSegmentCustomers,
	segmentCustomerCurrent,
	segmentSummary,
	type Filters,
	type SegmentSummary
} from '../../../src/lib/server/metrics';
import { refreshModels } from '../../../src/lib/server/models/service';
import { refreshDerived } from '../../../src/lib/server/pipeline';
import { tempDb } from '../../helpers/db';

/**
 * Table segment_customer (migration 012, refresh step 'segment-summary'): the stored rows equal its statement, the
 * segment summary over it equals the summary computed plainly from customer_summary and the latest predictions, and a
 * table older than the summary or the predictions is never read.
 */

const bare = (sql: string) => sql.replace(/;\s*$/, '');

/** The segment summary computed plainly: customer_summary joined with the newest BG/NBD run. */
async function naive(
	db: Database,
	region: string | null = null
): Promise<Map<string, { n: number; rev: number; clv: number | null; pa: number | null }>> {
	const rows = await db.sql<{ k: string; n: number; rev: number; clv: number | null; pa: number | null }>(
		`SELECT s.rfm_segment AS k, count(*)::INTEGER AS n, sum(s.net_revenue)::DOUBLE AS rev,
			avg(p.predicted_clv)::DOUBLE AS clv, avg(p.p_alive)::DOUBLE AS pa
		 FROM customer_summary s
		 LEFT JOIN (SELECT * FROM predictions WHERE fit_id =
			(SELECT fit_id FROM predictions ORDER BY as_of DESC, fit_id DESC LIMIT 1)) p
			USING (customer_id)
		 WHERE s.orders > 0 AND ($region::VARCHAR IS NULL OR s.region = $region::VARCHAR)
		 GROUP BY 1`,
		{ region }
	);
	return new Map(rows.map((r) => [r.k, r]));
}

function expectSame(
	got: SegmentSummary[],
	want: Map<string, { n: number; rev: number; clv: number | null; pa: number | null }>
): void {
	expect(want.size).toBeGreaterThan(3);
	for (const s of got) {
		const w = want.get(s.segment);
		expect(s.customers, s.segment).toBe(w?.n ?? 0);
		if (!w) continue;
		expect(s.net_revenue, s.segment).toBeCloseTo(w.rev, 2);
		if (w.clv === null) expect(s.predicted_clv).toBeNull();
		else expect(s.predicted_clv, s.segment).toBeCloseTo(w.clv, 6);
		if (w.pa === null) expect(s.p_alive).toBeNull();
		else expect(s.p_alive, s.segment).toBeCloseTo(w.pa, 12);
	}
}

describe('segment_customer: the precomputed per-customer table of the segment summary (demo, 600)', () => {
	let db: Database;
	let cleanup: () => void;
	let region: string;

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await generateDemo(db, { customers: 600, seed: 11 });
		await refreshDerived(db);
		region = (
			await db.sql<{ r: string }>(
				'SELECT region AS r FROM customer_summary WHERE orders > 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1'
			)
		)[0]!.r;
	}, 180_000);
	afterAll(() => cleanup());

	it('the refresh stores exactly the rows of queries/segment_customer.sql and marks the table current', async () => {
		expect(await segmentCustomerCurrent(db)).toBe(true);
		const stmt = bare(loadQuery('segment_customer'));
		const diff = await db.sql<{ a: number; b: number; n: number; clv: number }>(
			`SELECT (SELECT count(*) FROM (SELECT * FROM segment_customer EXCEPT ALL ${stmt}))::INTEGER AS a,
				(SELECT count(*) FROM (${stmt} EXCEPT ALL SELECT * FROM segment_customer))::INTEGER AS b,
				(SELECT count(*) FROM segment_customer)::INTEGER AS n,
				(SELECT count(predicted_clv) FROM segment_customer)::INTEGER AS clv`
		);
		expect(diff[0]).toMatchObject({ a: 0, b: 0 });
		expect(diff[0]!.n).toBeGreaterThan(100);
		expect(diff[0]!.clv).toBeGreaterThan(100); // the demo's predictions are in it
	});

	it('the summary over the stored table equals the plain computation, unfiltered and per region', async () => {
		expectSame(await segmentSummary(db), await naive(db));
		expectSame(await segmentSummary(db, { region }), await naive(db, region));
	});

	it('reads the stored table while it is current (a change to it shows), and the statement otherwise', async () => {
		await db.exec("UPDATE segment_customer SET p_alive = 0.5 WHERE rfm_segment = 'champions'");
		try {
			const champions = (await segmentSummary(db)).find((s) => s.segment === 'champions')!;
			expect(champions.customers).toBeGreaterThan(0);
			expect(champions.p_alive).toBe(0.5);
			// a date range is answered on the fly (here: up to the last day, the same customers), never from the table
			const to = (
				await db.sql<{ d: string }>(
					"SELECT strftime((params->>'as_of')::DATE - 1, '%Y-%m-%d') AS d FROM derived_state WHERE name = 'metrics'"
				)
			)[0]!.d;
			const f: Filters = { to };
			const fly = (await segmentSummary(db, f)).find((s) => s.segment === 'champions')!;
			expect(fly.p_alive).not.toBe(0.5);
			expect(fly.p_alive).toBeCloseTo((await naive(db)).get('champions')!.pa!, 12);
		} finally {
			await refreshSegmentCustomers(db);
		}
		expectSame(await segmentSummary(db), await naive(db));
	});

	it('after a new model run the stored table is stale and not read until the step runs again', async () => {
		const before = await naive(db);
		await refreshModels(db, { horizonDays: 30 }); // a new fit_id, other predicted CLVs
		const after = await naive(db);
		expect(after.get('champions')!.clv).not.toBeCloseTo(before.get('champions')!.clv!, 2);
		expect(await segmentCustomerCurrent(db)).toBe(false);
		expectSame(await segmentSummary(db), after);
		await refreshSegmentCustomers(db);
		expect(await segmentCustomerCurrent(db)).toBe(true);
		expectSame(await segmentSummary(db), after);
	}, 120_000);

	it('after new interactions and a metrics refresh the stored table is stale and not read', async () => {
		const buyer = (
			await db.sql<{ id: string }>(
				'SELECT customer_id AS id FROM customer_summary WHERE orders = 0 OR orders IS NULL ORDER BY 1 LIMIT 1'
			)
		)[0];
		const id =
			buyer?.id ??
			(await db.sql<{ id: string }>('SELECT customer_id AS id FROM customers ORDER BY 1 LIMIT 1'))[0]!.id;
		const total = (rows: SegmentSummary[]) => rows.reduce((a, s) => a + s.customers, 0);
		const before = total(await segmentSummary(db));
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
			 SELECT 'seg-test-' || i, $id, (SELECT max(occurred_at) FROM interactions) - INTERVAL (i) DAY, 'purchase',
				'web', 'seg-test-order-' || i, 1000000
			 FROM range(1, 4) t(i)`,
			{ id }
		);
		await refreshDerived(db, () => undefined, ['metrics']);
		expect(await segmentCustomerCurrent(db)).toBe(false);
		const now = await segmentSummary(db);
		expectSame(now, await naive(db));
		if (buyer) expect(total(now)).toBe(before + 1);
		await refreshDerived(db, () => undefined, ['segment-summary']);
		expect(await segmentCustomerCurrent(db)).toBe(true);
		expectSame(await segmentSummary(db), await naive(db));
	}, 120_000);
});
