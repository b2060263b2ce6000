import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { customerListSchema, type CustomerListParams } from '../../src/lib/server/customers/list-params';
import { listCustomers } from '../../src/lib/server/customers/search';
import { customer360, customerTimeline } from '../../src/lib/server/customers/customer360';
import { latestModelFits, isUsableFit } from '../../src/lib/server/customers/model-fits';
import { bgnbdPAlive } from '../../src/lib/server/models/bgnbd';
import { tempDb } from '../helpers/db';
import { AS_OF, CUSTOMERS, loadFixture } from './fixture';

let db: Database;
let cleanup: () => void;

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	await loadFixture(db);
});
afterAll(() => cleanup?.());

const params = (raw: Record<string, string>): CustomerListParams => customerListSchema.parse(raw);
const ids = async (raw: Record<string, string>) =>
	(await listCustomers(db, params({ sort: 'customer_id', dir: 'asc', ...raw }))).rows.map(
		(r) => r.customer_id
	);

describe('customer search', () => {
	it('finds by id, name with or without accents, email and phone in any writing', async () => {
		expect(await ids({ q: 'c002' })).toEqual(['C002']);
		expect(await ids({ q: 'Nguyễn' })).toEqual(['C001']);
		expect(await ids({ q: 'nguyen thi' })).toEqual(['C001']);
		expect(await ids({ q: 'minh' })).toEqual(['C002', 'C005']);
		expect(await ids({ q: 'YAHOO.COM' })).toEqual(['C003']);
		expect(await ids({ q: '0912 345 678' })).toEqual(['C001']);
		expect(await ids({ q: '+84 987-654-321' })).toEqual(['C002']);
		expect(await ids({ q: '5678' })).toEqual(['C001']);
	});

	it('treats LIKE wildcards and SQL in the search text as plain text', async () => {
		expect(await ids({ q: '50%_off' })).toEqual(['C003']);
		// only C003's name has a '%'; an unescaped '%' or '_' would match everyone
		expect(await ids({ q: '%' })).toEqual(['C003']);
		expect(await ids({ q: '_' })).toEqual(['C002', 'C003']);
		expect(await ids({ q: "'; DROP TABLE customers; --" })).toEqual([]);
		expect((await db.sql<{ n: number }>('SELECT count(*) AS n FROM customers'))[0]?.n).toBe(CUSTOMERS.length);
	});

	it('masks contacts unless they are asked for', async () => {
		const masked = await listCustomers(db, params({ q: 'C001' }));
		expect(masked.rows[0]).toMatchObject({
			customer_id: 'C001',
			email: 'l•••n@gmail.com',
			phone: '+84•••••678'
		});
		expect(masked.rows[0]?.name).toBe('N. T. L.');
		expect(JSON.stringify(masked)).not.toContain('lan.nguyen');
		const shown = await listCustomers(db, params({ q: 'C001', contact: '1' }));
		expect(shown.rows[0]).toMatchObject({ name: 'Nguyễn Thị Lan', email: 'lan.nguyen@gmail.com' });
	});

	it('pages through the results and reports the total', async () => {
		const p1 = await listCustomers(db, params({ sort: 'customer_id', dir: 'asc', page_size: '2' }));
		const p3 = await listCustomers(
			db,
			params({ sort: 'customer_id', dir: 'asc', page_size: '2', page: '3' })
		);
		const p9 = await listCustomers(db, params({ page_size: '2', page: '9' }));
		expect(p1.rows.map((r) => r.customer_id)).toEqual(['C001', 'C002']);
		expect(p3.rows.map((r) => r.customer_id)).toEqual(['C005']);
		expect([p1.total, p3.total, p9.total]).toEqual([5, 5, 5]);
		expect(p9.rows).toEqual([]);
	});

	it('sorts by a whitelisted column with missing values last', async () => {
		expect(await ids({ sort: 'p_alive', dir: 'desc' })).toEqual(['C003', 'C001', 'C004', 'C002', 'C005']);
		expect(await ids({ sort: 'net_revenue', dir: 'asc' })).toEqual(['C005', 'C003', 'C002', 'C001', 'C004']);
		expect(() => params({ sort: 'name; DROP TABLE x' })).toThrow();
	});
});

describe('customer lists behind the charts', () => {
	it('RFM cell, segment and lifecycle', async () => {
		expect(await ids({ r: '5', f: '5' })).toEqual(['C001', 'C004']);
		expect(await ids({ r: '1', f: '4' })).toEqual(['C002']);
		expect(await ids({ segment: 'champions' })).toEqual(['C001', 'C004']);
		expect(await ids({ lifecycle: 'new' })).toEqual(['C003']);
		expect(await ids({ segment: 'champions', region: 'Hà Nội' })).toEqual(['C001']);
	});

	it('cohort and cohort cell (a purchase k periods after the first)', async () => {
		expect(await ids({ cohort: '2024-01' })).toEqual(['C001', 'C002']);
		expect(await ids({ cohort: '2024-01-01', k: '2' })).toEqual(['C001']); // C001 bought again in March
		expect(await ids({ cohort: '2024-01-01', k: '0' })).toEqual(['C001', 'C002']);
		expect(await ids({ cohort: '2024-01-01', period: 'quarter', k: '1' })).toEqual(['C001', 'C004']);
		expect(await ids({ cohort: '2024-02-01', k: '4' })).toEqual(['C004']);
	});

	it('journey funnel steps: the customers who reached the step or a later one, as the funnel counts', async () => {
		expect(await ids({ funnel_step: 'any_interaction' })).toEqual(['C001', 'C002', 'C003', 'C004', 'C005']);
		// engaged = a click, visit, call or ticket, or a purchase (which implies it): C004 only opened emails but
		// bought; C005 only opened emails
		expect(await ids({ funnel_step: 'engaged' })).toEqual(['C001', 'C002', 'C003', 'C004']);
		expect(await ids({ funnel_step: 'first_purchase' })).toEqual(['C001', 'C002', 'C003', 'C004']);
		// C004 (three orders, a champion) counted at every step although the data shows no click or visit of hers
		expect(await ids({ funnel_step: 'repeat_purchase' })).toEqual(['C001', 'C002', 'C004']);
		expect(await ids({ funnel_step: 'loyal' })).toEqual(['C001', 'C004']);
		// over customers first seen in a range, like the funnel with a date filter
		expect(await ids({ funnel_step: 'any_interaction', from: '2024-02-01', to: '2024-06-30' })).toEqual([
			'C003',
			'C004',
			'C005'
		]);
		expect(await ids({ funnel_step: 'engaged', from: '2024-02-01' })).toEqual(['C003', 'C004']);
	});

	it('cohort cell in "on or after" mode', async () => {
		expect(await ids({ cohort: '2024-01-01', k: '3', mode: 'on_or_after' })).toEqual(['C001']);
		expect(await ids({ cohort: '2024-01-01', k: '1', mode: 'on_or_after' })).toEqual(['C001']);
		expect(await ids({ cohort: '2024-01-01', k: '1' })).toEqual([]);
	});
});

describe('customer 360', () => {
	it('returns the profile, predictions, timeline and orders of one customer', async () => {
		const c = await customer360(db, 'C001');
		expect(c).toBeDefined();
		expect(c!.profile).toMatchObject({
			customer_id: 'C001',
			email: 'lan.nguyen@gmail.com',
			orders: 3,
			net_revenue: 300000,
			rfm_segment: 'champions',
			segment_name_vi: 'Khách hàng VIP',
			first_purchase_at: '2024-01-10',
			as_of: AS_OF
		});
		expect(c!.predictions[0]).toMatchObject({ model: 'bgnbd', p_alive: 0.95, churn_band: 'low' });
		expect(c!.timeline.total).toBe(4);
		expect(c!.timeline.events.map((e) => e.type)).toEqual([
			'purchase',
			'email_click',
			'purchase',
			'purchase'
		]);
		expect(c!.orders.orders.map((o) => [o.order_id, o.day, o.net_amount])).toEqual([
			['C001-o3', '2024-06-20', 100000],
			['C001-o2', '2024-03-05', 100000],
			['C001-o1', '2024-01-10', 100000]
		]);
		expect(await customer360(db, 'nobody')).toBeUndefined();
	});

	it('recomputes P(alive) at past dates with the stored BG/NBD parameters', async () => {
		const c = await customer360(db, 'C001');
		const h = c!.pAliveHistory!;
		expect(h.usable).toBe(true);
		const last = h.points.at(-1)!;
		expect(last.date).toBe(AS_OF);
		const p = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
		// x = 2, t_x = 162 days, T = 173 days (2024-01-10 .. 2024-07-01), in weeks as the fit says
		expect(last.pAlive).toBeCloseTo(bgnbdPAlive(p, 2, 162 / 7, 173 / 7), 12);
	});

	it('shows no P(alive) curve from a fit that did not converge', async () => {
		await db.exec(
			`INSERT INTO model_fits (model, params, converged, time_unit, calibration_end, as_of, status, message)
			 VALUES ('bgnbd', '{"r": 1, "alpha": 1, "a": 1, "b": 1}', false, 'day', DATE '2024-06-30', DATE '2024-07-01',
			 'not_converged', 'iteration limit')`
		);
		try {
			await db.exec(
				"UPDATE predictions SET fit_id = (SELECT max(fit_id) FROM model_fits) WHERE customer_id = 'C004'"
			);
			const c = await customer360(db, 'C004');
			expect(c!.pAliveHistory).toMatchObject({ usable: false, points: [] });
			const fits = await latestModelFits(db);
			expect(fits[0]).toMatchObject({ model: 'bgnbd', status: 'not_converged' });
			expect(isUsableFit(fits[0]!)).toBe(false);
		} finally {
			await db.exec("DELETE FROM model_fits WHERE status = 'not_converged'");
			await db.exec("UPDATE predictions SET fit_id = 1 WHERE customer_id = 'C004'");
		}
	});
});

describe('customer 360 timeline: an order is one event, however many lines it has', () => {
	it('groups an invoice’s lines (and its refund’s lines) into one event each', async () => {
		const t = await tempDb();
		try {
			await t.db.exec("INSERT INTO customers (customer_id) VALUES ('L1')");
			const rows: [string, string, string, string | null, number, number, string][] = [
				['l1', '2024-05-01 09:00:00', 'purchase', 'INV1', 10, 1, 'toys'],
				['l2', '2024-05-01 09:00:00', 'purchase', 'INV1', 25.5, 3, 'books'],
				['l3', '2024-05-01 09:01:00', 'purchase', 'INV1', 4.5, 1, 'toys'],
				['l4', '2024-05-03 12:00:00', 'refund', 'CINV1', -10, -1, 'toys'],
				['l5', '2024-05-03 12:00:00', 'refund', 'CINV1', -4.5, -1, 'toys'],
				['l6', '2024-05-04 08:00:00', 'purchase', null, 7, 1, 'books'],
				['l7', '2024-05-04 08:00:00', 'purchase', null, 8, 1, 'books']
			];
			for (const [iid, at, type, order, amount, quantity, category] of rows) {
				await t.db.exec(
					`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount,
					 quantity, category) VALUES ($iid, 'L1', $at::TIMESTAMP, $type, 'web', $order, $amount, $quantity, $category)`,
					{ iid, at, type, order, amount, quantity, category }
				);
			}
			const tl = await customerTimeline(t.db, 'L1');
			// two purchase rows without an order id stay two events; INV1's three lines are one, CINV1's two are one
			expect(tl.total).toBe(4);
			expect(tl.events.map((e) => [e.type, e.order_id, e.amount, e.quantity, e.lines, e.category])).toEqual([
				['purchase', null, 8, 1, 1, 'books'],
				['purchase', null, 7, 1, 1, 'books'],
				['refund', 'CINV1', -14.5, -2, 2, 'toys'],
				['purchase', 'INV1', 40, 5, 3, 'books, toys']
			]);
			expect(tl.events[3]?.occurred_at).toBe('2024-05-01 09:00');
		} finally {
			t.cleanup();
		}
	});
});
