import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignResults } from '../../src/lib/server/campaigns';
import type { Database } from '../../src/lib/server/db';
import { tempDb } from '../helpers/db';

// The response window's edges, by hand: four members and the rows around send_date (2025-03-01) and its end
// (send_date + 10 days = 2025-03-11, exclusive). The window is bound into the interactions scan (responses.sql).
let db: Database;
let cleanup: () => void;

const rows: [string, string, string, string | null, number | null][] = [
	// customer, occurred_at, type, order_id, amount
	['T1', '2025-03-01 00:00:00', 'purchase', 'o1', 100], // first moment of the window: day 0
	['T1', '2025-03-01 09:00:00', 'purchase', 'o1', 50], // same order: still 1 order
	['T1', '2025-03-10 23:59:59', 'purchase', 'o2', 30], // last second of the window
	['T2', '2025-02-28 23:59:59', 'purchase', 'o3', 999], // a second before: out
	['T2', '2025-03-11 00:00:00', 'purchase', 'o4', 999], // the end is exclusive: out
	['T2', '2025-03-04 12:00:00', 'refund', 'o3', -40], // a refund in the window: revenue, not a converter
	['C1', '2025-03-06 10:00:00', 'purchase', null, 20], // no order id: each row is an order
	['C1', '2025-03-06 11:00:00', 'purchase', null, 25],
	['C1', '2025-03-05 10:00:00', 'web_visit', null, null], // not a purchase or refund
	['X9', '2025-03-02 10:00:00', 'purchase', 'o9', 500], // not a member
	['X9', '2025-06-01 10:00:00', 'web_visit', null, null] // the data runs past the window's end
];

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	await db.exec(`INSERT INTO customers (customer_id) VALUES ('T1'), ('T2'), ('C1'), ('C2'), ('X9')`);
	for (const [i, [customer, at, type, order, amount]] of rows.entries()) {
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, order_id, amount)
			 VALUES ($id, $customer, $at::TIMESTAMP, $type, $order, $amount::DECIMAL(18, 2))`,
			{ id: `i${i}`, customer, at, type, order, amount }
		);
	}
	await db.exec(
		`INSERT INTO campaigns (name, list_name, rule, channel, send_date, window_days, holdout_share, seed,
			launched_at, matched, left_out_no_consent)
		 VALUES ('edges', 'edges', '{"field": "orders", "op": ">=", "value": 1}', 'email', DATE '2025-03-01', 10,
			0.5, 1, current_timestamp, 4, 0)`
	);
	await db.exec(
		`INSERT INTO campaign_members (campaign_id, customer_id, stratum, draw, treated)
		 SELECT campaign_id, id, 'champions', md5(id), id LIKE 'T%'
		 FROM campaigns, (VALUES ('T1'), ('T2'), ('C1'), ('C2')) v(id)`
	);
}, 60_000);
afterAll(() => cleanup?.());

describe('campaign results over the response window', () => {
	it('count from send_date 00:00 up to, not including, send_date + window_days', async () => {
		const id = (await db.sql<{ id: number }>('SELECT campaign_id::INTEGER AS id FROM campaigns'))[0]!.id;
		const r = await campaignResults(db, id);
		expect(r.groups).toEqual([
			{
				group: 'treated',
				customers: 2,
				converters: 1,
				conversionRate: 0.5,
				orders: 2,
				revenue: 140,
				revenuePerCustomer: 70
			},
			{
				group: 'control',
				customers: 2,
				converters: 1,
				conversionRate: 0.5,
				orders: 2,
				revenue: 45,
				revenuePerCustomer: 22.5
			}
		]);
		expect(r.lift.observedDays).toBe(10);
		expect(r.daily).toHaveLength(10);
		expect(r.daily[0]).toEqual({ day: 0, treatedRate: 0.5, controlRate: 0 });
		expect(r.daily[4]).toEqual({ day: 4, treatedRate: 0.5, controlRate: 0 });
		expect(r.daily[5]).toEqual({ day: 5, treatedRate: 0.5, controlRate: 0.5 });
	});
});
