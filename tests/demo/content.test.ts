import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { CHANNELS, TYPES, generateDemo, type DemoSummary } from '../../src/lib/server/demo';
import { tempDb } from '../helpers/db';

const CUSTOMERS = 2_000;

describe('crm demo data at 2,000 customers', () => {
	let db: Database;
	let cleanup: () => void;
	let summary: DemoSummary;
	const one = async <T>(sql: string): Promise<T> => (await db.sql<T>(sql))[0]!;

	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		summary = await generateDemo(db, { customers: CUSTOMERS, seed: 11 });
	});
	afterAll(() => cleanup());

	it('writes the requested customers and about 25 interactions each', async () => {
		const c = await one<{ customers: number; interactions: number }>(
			'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM interactions) AS interactions'
		);
		expect(c.customers).toBe(CUSTOMERS);
		expect(c.interactions).toBe(summary.interactions);
		expect(c.interactions / CUSTOMERS).toBeGreaterThan(18);
		expect(c.interactions / CUSTOMERS).toBeLessThan(32);
		expect(summary.purchases / CUSTOMERS).toBeGreaterThan(2.5);
		expect(summary.purchases / CUSTOMERS).toBeLessThan(4.5);
	});

	it('has every interaction type and channel', async () => {
		const types = await db.sql<{ type: string }>('SELECT DISTINCT type FROM interactions');
		expect(types.map((r) => r.type).sort()).toEqual([...TYPES].sort());
		const channels = await db.sql<{ channel: string }>('SELECT DISTINCT channel FROM interactions');
		expect(channels.map((r) => r.channel).sort()).toEqual([...CHANNELS].sort());
	});

	it('keeps the bookkeeping columns: unique ids, source_file demo, source_line = row number, one ingests row', async () => {
		const c = await one<{
			n: number;
			ids: number;
			lines: number;
			min_line: number;
			max_line: number;
			files: number;
		}>(
			`SELECT count(*) AS n, count(DISTINCT interaction_id) AS ids, count(DISTINCT source_line) AS lines,
				min(source_line) AS min_line, max(source_line) AS max_line,
				count(*) FILTER (WHERE source_file <> 'demo') AS files
			 FROM interactions`
		);
		expect(c.ids).toBe(c.n);
		expect(c.lines).toBe(c.n);
		expect([c.min_line, c.max_line]).toEqual([1, c.n]);
		expect(c.files).toBe(0);
		const ingests = await db.sql<{
			file: string;
			preset: string;
			kind: string;
			rows_loaded: number;
			ingest_id: number;
		}>('SELECT file, preset, kind, rows_loaded, ingest_id FROM ingests');
		expect(ingests).toEqual([
			{
				file: `demo:seed=11,customers=${CUSTOMERS}`,
				preset: 'demo',
				kind: 'interactions',
				rows_loaded: c.n,
				ingest_id: summary.ingestId
			}
		]);
		const orphans = await one<{ n: number }>(
			'SELECT count(*) AS n FROM interactions i ANTI JOIN customers c USING (customer_id)'
		);
		expect(orphans.n).toBe(0);
	});

	it('numbers rows customer by customer, in time order within a customer', async () => {
		const c = await one<{ out_of_order: number; customer_jumps: number; customers: number }>(
			`WITH x AS (
				SELECT customer_id, occurred_at, source_line,
					lag(customer_id) OVER (ORDER BY source_line) AS prev_customer,
					lag(occurred_at) OVER (ORDER BY source_line) AS prev_at
				FROM interactions)
			 SELECT count(*) FILTER (WHERE customer_id = prev_customer AND occurred_at < prev_at) AS out_of_order,
				count(*) FILTER (WHERE customer_id IS DISTINCT FROM prev_customer) AS customer_jumps,
				count(DISTINCT customer_id) AS customers
			 FROM x`
		);
		expect(c.out_of_order).toBe(0);
		expect(c.customer_jumps).toBe(c.customers);
	});

	it('keeps every timestamp inside 2023-01-01 .. 2025-12-31', async () => {
		const c = await one<{ first: string; last: string; early_signup: number }>(
			`SELECT strftime(min(occurred_at), '%Y-%m-%d') AS first, strftime(max(occurred_at), '%Y-%m-%d') AS last,
				(SELECT count(*) FROM customers WHERE signup_at < TIMESTAMP '2023-01-01' OR signup_at >= TIMESTAMP '2026-01-01') AS early_signup
			 FROM interactions`
		);
		expect(c.first >= '2023-01-01').toBe(true);
		expect(c.last <= '2025-12-31').toBe(true);
		expect(c.early_signup).toBe(0);
	});

	it('has purchases with positive VND amounts in whole thousands, and refunds negative, later, of the same order', async () => {
		const c = await one<{
			bad_purchases: number;
			bad_refunds: number;
			refunds: number;
			orders: number;
			unmatched: number;
			not_after: number;
		}>(
			`WITH p AS (SELECT * FROM interactions WHERE type = 'purchase'),
			      r AS (SELECT * FROM interactions WHERE type = 'refund')
			 SELECT
				(SELECT count(*) FROM p WHERE amount IS NULL OR amount <= 0 OR amount % 1000 <> 0 OR quantity < 1
					OR order_id IS NULL OR product_id IS NULL OR category IS NULL) AS bad_purchases,
				(SELECT count(*) FROM r WHERE amount IS NULL OR amount >= 0 OR quantity >= 0) AS bad_refunds,
				(SELECT count(*) FROM r) AS refunds,
				(SELECT count(*) FROM p) AS orders,
				(SELECT count(*) FROM r ANTI JOIN p ON r.order_id = p.order_id AND r.customer_id = p.customer_id AND -r.amount <= p.amount) AS unmatched,
				(SELECT count(*) FROM r JOIN p USING (order_id) WHERE r.occurred_at <= p.occurred_at) AS not_after`
		);
		expect(c.bad_purchases).toBe(0);
		expect(c.bad_refunds).toBe(0);
		expect(c.unmatched).toBe(0);
		expect(c.not_after).toBe(0);
		expect(c.refunds / c.orders).toBeGreaterThan(0.01);
		expect(c.refunds / c.orders).toBeLessThan(0.08);
	});

	it('has CSAT 1..5 only on surveys, skewed positive', async () => {
		const c = await one<{
			outside: number;
			off_survey: number;
			surveys_without: number;
			mean_csat: number;
			distinct_scores: number;
		}>(
			`SELECT count(*) FILTER (WHERE csat NOT BETWEEN 1 AND 5) AS outside,
				count(*) FILTER (WHERE csat IS NOT NULL AND type <> 'survey') AS off_survey,
				count(*) FILTER (WHERE type = 'survey' AND csat IS NULL) AS surveys_without,
				avg(csat) AS mean_csat, count(DISTINCT csat) AS distinct_scores
			 FROM interactions`
		);
		expect(c).toMatchObject({ outside: 0, off_survey: 0, surveys_without: 0, distinct_scores: 5 });
		expect(c.mean_csat).toBeGreaterThan(3.6);
		expect(c.mean_csat).toBeLessThan(4.6);
	});

	it('resolves tickets after they are opened, and leaves some open', async () => {
		const c = await one<{ tickets: number; before: number; unresolved: number; off_ticket: number }>(
			`SELECT count(*) FILTER (WHERE type = 'support_ticket') AS tickets,
				count(*) FILTER (WHERE resolved_at < occurred_at) AS before,
				count(*) FILTER (WHERE type = 'support_ticket' AND resolved_at IS NULL) AS unresolved,
				count(*) FILTER (WHERE type <> 'support_ticket' AND resolved_at IS NOT NULL) AS off_ticket
			 FROM interactions`
		);
		expect(c.before).toBe(0);
		expect(c.off_ticket).toBe(0);
		expect(c.unresolved).toBeGreaterThan(0);
		expect(c.unresolved / c.tickets).toBeLessThan(0.2);
	});

	it('sends e-mail only to customers who consented, with fewer clicks than opens', async () => {
		const c = await one<{ no_consent: number; opens: number; clicks: number }>(
			`SELECT count(*) FILTER (WHERE NOT c.consent_email) AS no_consent,
				count(*) FILTER (WHERE type = 'email_open') AS opens,
				count(*) FILTER (WHERE type = 'email_click') AS clicks
			 FROM interactions i JOIN customers c USING (customer_id) WHERE i.type IN ('email_open', 'email_click')`
		);
		expect(c.no_consent).toBe(0);
		expect(c.clicks).toBeGreaterThan(0);
		expect(c.clicks).toBeLessThan(c.opens / 2);
	});

	it('has Vietnamese customers: unique E.164 mobile phones, unique ascii e-mails, names consistent with gender', async () => {
		const customers = await db.sql<{
			name: string;
			email: string;
			phone: string;
			gender: string | null;
			country: string;
			region: string;
		}>('SELECT name, email, phone, gender, country, region FROM customers');
		expect(customers.every((c) => /^\+84(3|5|7|8|9)\d{8}$/.test(c.phone))).toBe(true);
		expect(new Set(customers.map((c) => c.phone)).size).toBe(CUSTOMERS);
		expect(customers.every((c) => /^[a-z0-9._]+@[a-z0-9.]+\.[a-z]+$/.test(c.email))).toBe(true);
		expect(new Set(customers.map((c) => c.email)).size).toBe(CUSTOMERS);
		expect(customers.every((c) => c.country === 'VN')).toBe(true);
		// 'Thị' is a female middle name, 'Văn' a male one.
		expect(customers.filter((c) => c.name.split(' ')[1] === 'Thị').every((c) => c.gender !== 'male')).toBe(
			true
		);
		expect(customers.filter((c) => c.name.split(' ')[1] === 'Văn').every((c) => c.gender !== 'female')).toBe(
			true
		);
		const nguyen = customers.filter((c) => c.name.startsWith('Nguyễn ')).length / CUSTOMERS;
		expect(nguyen).toBeGreaterThan(0.3);
		expect(nguyen).toBeLessThan(0.46);
		const regions = new Set(customers.map((c) => c.region));
		for (const city of ['Hà Nội', 'TP. Hồ Chí Minh', 'Đà Nẵng', 'Hải Phòng', 'Cần Thơ'])
			expect(regions).toContain(city);
	});

	it('sets consent, birth year, acquisition channel and attributes', async () => {
		const c = await one<{
			email_yes: number;
			sms_yes: number;
			min_birth: number;
			max_birth: number;
			no_acq: number;
			tiers: number;
		}>(
			`SELECT avg(consent_email::INTEGER) AS email_yes, avg(consent_sms::INTEGER) AS sms_yes,
				min(birth_year) AS min_birth, max(birth_year) AS max_birth,
				count(*) FILTER (WHERE acquisition_channel IS NULL) AS no_acq,
				count(DISTINCT attributes->>'loyalty_tier') AS tiers
			 FROM customers`
		);
		expect(c.email_yes).toBeGreaterThan(0.75);
		expect(c.email_yes).toBeLessThan(0.95);
		expect(c.sms_yes).toBeGreaterThan(0.6);
		expect(c.sms_yes).toBeLessThan(0.85);
		expect(c.min_birth).toBeGreaterThanOrEqual(1945);
		expect(c.max_birth).toBeLessThanOrEqual(2007);
		expect(c.no_acq).toBe(0);
		expect(c.tiers).toBe(4);
	});

	it('shows the seasonal pattern: more purchases on 11.11 than on an ordinary day, weekends above weekdays', async () => {
		const c = await one<{ singles_day: number; per_day: number; weekend: number; weekday: number }>(
			`SELECT count(*) FILTER (WHERE strftime(occurred_at, '%m-%d') = '11-11') / 3.0 AS singles_day,
				count(*) / 1096.0 AS per_day,
				count(*) FILTER (WHERE dayofweek(occurred_at) IN (0, 6)) / 2.0 AS weekend,
				count(*) FILTER (WHERE dayofweek(occurred_at) BETWEEN 1 AND 5) / 5.0 AS weekday
			 FROM interactions WHERE type = 'purchase'`
		);
		expect(c.singles_day).toBeGreaterThan(1.8 * c.per_day);
		expect(c.weekend).toBeGreaterThan(c.weekday);
	});
});
