import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { journeyFunnel } from '../../../src/lib/server/metrics';
import { KPI_CUSTOMERS, KPI_EVENTS } from './data';
import { fixtureDb } from './fixture';
import { listCustomers } from '../../../src/lib/server/customers/search';
import { customerListSchema } from '../../../src/lib/server/customers/list-params';

/*
 * The journey funnel on a file of orders alone (the KPI fixture without its one web visit): a, b, c and e bought;
 * a (3 orders) and b (2) bought again. Nothing in the data can show engagement (no click, visit, call or ticket), so
 * the engaged step is unknown, not 0, and first purchase converts from "any interaction". With the visit back, d
 * (who only visited) is engaged and the buyers count as engaged too: a purchase implies the earlier steps.
 */
describe('journey funnel on orders alone', () => {
	let orders: { db: Database; cleanup: () => void };
	let withVisit: { db: Database; cleanup: () => void };
	beforeAll(async () => {
		orders = await fixtureDb(
			KPI_EVENTS.filter((e) => e.type !== 'web_visit'),
			KPI_CUSTOMERS
		);
		withVisit = await fixtureDb(KPI_EVENTS, KPI_CUSTOMERS);
	});
	afterAll(() => {
		orders?.cleanup();
		withVisit?.cleanup();
	});

	it('a step the data cannot show is null with observable false; buyers pass the steps before a purchase', async () => {
		const rows = await journeyFunnel(orders.db, {});
		expect(rows.map((r) => [r.stage, r.customers_nested, r.observable])).toEqual([
			['any_interaction', 4, true],
			['engaged', null, false],
			['first_purchase', 4, true],
			['repeat_purchase', 2, true],
			['loyal', expect.any(Number), true]
		]);
		const engaged = rows[1]!;
		expect(engaged.customers).toBeNull();
		expect(engaged.share_of_start).toBeNull();
		expect(engaged.conversion).toBeNull();
		// first purchase converts from the last step the data can show: any interaction
		expect(rows[2]!.conversion).toBe(1);
		expect(rows[3]!.conversion).toBe(0.5);
		expect(rows[2]!.share_of_start).toBe(1);
		// loyal: a loyal segment and a repeat purchase, i.e. of a and b those scored champions or loyal customers
		const loyal = await orders.db.sql<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM customer_summary
			 WHERE customer_id IN ('a', 'b') AND rfm_segment IN ('champions', 'loyal_customers')`
		);
		expect(rows[4]!.customers_nested).toBe(loyal[0]!.n);
	});

	it('with engagement in the data, a purchase implies the engaged step', async () => {
		const rows = await journeyFunnel(withVisit.db, {});
		expect(rows.map((r) => [r.stage, r.customers, r.customers_nested])).toEqual([
			['any_interaction', 5, 5],
			['engaged', 1, 5], // d visited; a, b, c and e bought
			['first_purchase', 4, 4],
			['repeat_purchase', 2, 2],
			['loyal', expect.any(Number), expect.any(Number)]
		]);
		expect(rows[2]!.conversion).toBeCloseTo(4 / 5, 10);
	});

	it("a step's customer list holds the customers the funnel counts there", async () => {
		for (const t of [orders, withVisit]) {
			for (const row of await journeyFunnel(t.db, {})) {
				if (row.customers_nested === null) continue;
				const page = await listCustomers(t.db, customerListSchema.parse({ funnel_step: row.stage }));
				expect(page.total, row.stage).toBe(row.customers_nested);
			}
		}
	});
});
