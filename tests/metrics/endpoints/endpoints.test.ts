import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDb } from '../../../src/lib/server/app-db';
import type { Database } from '../../../src/lib/server/db';
import {
	clvSummary,
	dimensionValues,
	lifecycleCustomerCounts,
	metricDistributions,
	segmentSummary,
	type DistributionBin
} from '../../../src/lib/server/metrics';
import { demoAppDb, tempDb } from '../../helpers/db';

type Handler = (e: { url: URL }) => Promise<Response>;
const call = async (name: string, query: string) => {
	const mod = (await import(`../../../src/routes/api/${name}/+server.ts`)) as { GET: Handler };
	return mod.GET({ url: new URL(`http://x/api/${name}?${query}`) });
};

/** The latest prediction per customer (of the newest run, whichever purchase model it used), computed plainly. */
const LATEST = `(SELECT * FROM predictions WHERE fit_id =
	(SELECT fit_id FROM predictions ORDER BY as_of DESC, fit_id DESC LIMIT 1))`;

describe('dashboard endpoints: lifecycle-stages, distributions, clv-summary, dimensions, segments (demo, 800)', () => {
	let db: Database;
	let served: Awaited<ReturnType<typeof demoAppDb>>;
	let buyers: number;
	beforeAll(async () => {
		served = await demoAppDb(800);
		db = await appDb();
		buyers = (
			await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customer_summary WHERE orders > 0')
		)[0]!.n;
	}, 120_000);
	afterAll(() => served?.release());

	it('lifecycle stages: counts sum to the buyers, shares to 1, revenue per stage as in customer_summary', async () => {
		const { rows } = await lifecycleCustomerCounts(db);
		expect(buyers).toBeGreaterThan(100);
		expect(rows.reduce((a, r) => a + r.customers, 0)).toBe(buyers);
		expect(rows.reduce((a, r) => a + (r.share ?? 0), 0)).toBeCloseTo(1, 9);
		const naive = await db.sql<{ k: string; n: number; rev: number }>(
			`SELECT lifecycle_stage AS k, count(*)::INTEGER AS n, sum(net_revenue)::DOUBLE AS rev
			 FROM customer_summary WHERE orders > 0 GROUP BY 1`
		);
		for (const n of naive) {
			const r = rows.find((x) => x.lifecycle_stage === n.k)!;
			expect(r.customers).toBe(n.n);
			expect(r.net_revenue).toBeCloseTo(n.rev, 4);
		}
		const json = (await (await call('lifecycle-stages', 'format=json')).json()) as Record<string, number>[];
		expect(json.map((r) => r.revenue)).toEqual(rows.map((r) => r.net_revenue));
	});

	it('distributions: every measure covers its customers once, bins do not overlap and hold their values', async () => {
		const bins = await metricDistributions(db);
		const values = await db.sql<Record<string, number | null>>(
			`SELECT s.recency_days::DOUBLE AS recency, s.orders::DOUBLE AS frequency, s.net_revenue::DOUBLE AS monetary,
				p.predicted_clv::DOUBLE AS clv, p.p_alive::DOUBLE AS p_alive
			 FROM customer_summary s LEFT JOIN ${LATEST} p USING (customer_id) WHERE s.orders > 0`
		);
		const measures = ['recency', 'frequency', 'monetary', 'clv', 'p_alive'] as const;
		expect([...new Set(bins.map((b) => b.measure))]).toEqual(measures);
		for (const m of measures) {
			const mine = bins.filter((b) => b.measure === m);
			const vs = values.map((v) => v[m]).filter((v): v is number => v !== null);
			expect(vs.length, m).toBeGreaterThan(100);
			expect(mine.length, m).toBeGreaterThan(1);
			expect(mine.length, m).toBeLessThanOrEqual(20);
			expect(
				mine.reduce((a, b) => a + b.count, 0),
				m
			).toBe(vs.length);
			mine.forEach((b, i) => {
				expect(b.bin).toBe(i);
				expect(b.x1, m).toBeGreaterThan(b.x0);
				if (i > 0) expect(b.x0, m).toBe(mine[i - 1]!.x1); // adjacent, no overlap, no gap
			});
			// naive placement: [x0, x1), the last bin takes everything from its x0 up
			const last = mine.at(-1)!;
			const naive = (b: DistributionBin) => vs.filter((v) => v >= b.x0 && (b === last || v < b.x1)).length;
			expect(mine.map(naive), m).toEqual(mine.map((b) => b.count));
			expect(last.overflow, m).toBe(vs.filter((v) => v > last.x1).length);
			expect(mine.slice(0, -1).every((b) => b.overflow === 0)).toBe(true);
			expect(mine[0]!.x0, m).toBeLessThanOrEqual(Math.min(...vs));
		}
		const pAlive = bins.filter((b) => b.measure === 'p_alive');
		expect([pAlive[0]!.x0, pAlive.at(-1)!.x1, pAlive.length, pAlive.at(-1)!.overflow]).toEqual([0, 1, 20, 0]);
		// monetary is capped: fewer than ~2% of buyers in the overflow
		const mon = bins.filter((b) => b.measure === 'monetary').at(-1)!;
		expect(mon.overflow).toBeLessThanOrEqual(Math.ceil(buyers * 0.02));

		const region = (await db.sql<{ r: string }>('SELECT any_value(region) AS r FROM customer_summary'))[0]!.r;
		const filtered = await metricDistributions(db, { region });
		const n = (
			await db.sql<{ n: number }>(
				'SELECT count(*)::INTEGER AS n FROM customer_summary WHERE orders > 0 AND region = $r',
				{ r: region }
			)
		)[0]!.n;
		const rec = filtered.filter((b) => b.measure === 'recency');
		expect(rec.reduce((a, b) => a + b.count, 0)).toBe(n);
		// another as-of date: answered on the fly from customer_day, the bins still cover its buyers
		const asOf = '2025-01-01';
		const past = await metricDistributions(db, { as_of: asOf });
		const buyersThen = (
			await db.sql<{ n: number }>(
				'SELECT count(DISTINCT customer_id)::INTEGER AS n FROM customer_day WHERE orders > 0 AND day < $d::DATE',
				{ d: asOf }
			)
		)[0]!.n;
		expect(buyersThen).toBeGreaterThan(0);
		expect(past.filter((b) => b.measure === 'frequency').reduce((a, b) => a + b.count, 0)).toBe(buyersThen);
	});

	it('clv summary equals the sums over the latest predictions; none without predictions', async () => {
		const [row, ...rest] = await clvSummary(db);
		expect(rest).toEqual([]);
		const naive = (
			await db.sql<Record<string, number | string>>(
				`SELECT count(*)::INTEGER AS customers, sum(p.predicted_clv)::DOUBLE AS clv, avg(p.p_alive)::DOUBLE AS pa,
					sum(p.expected_purchases)::DOUBLE AS ep, max(p.horizon_days)::INTEGER AS h,
					strftime(max(p.as_of), '%Y-%m-%d') AS as_of, any_value(p.model) AS model
				 FROM customer_summary s JOIN ${LATEST} p USING (customer_id)`
			)
		)[0]!;
		expect(naive.customers).toBeGreaterThan(100);
		expect(row).toMatchObject({
			customers: naive.customers,
			horizon_days: naive.h,
			model: naive.model,
			as_of: naive.as_of
		});
		expect(row!.predicted_clv).toBeCloseTo(naive.clv as number, 4);
		expect(row!.mean_p_alive).toBeCloseTo(naive.pa as number, 9);
		expect(row!.expected_purchases).toBeCloseTo(naive.ep as number, 6);
		const lifecycle = (await clvSummary(db, { lifecycle: 'churned' }))[0]!;
		expect(lifecycle.customers).toBeLessThan(row!.customers);

		const empty = await tempDb();
		try {
			expect(await clvSummary(empty.db)).toEqual([]);
		} finally {
			empty.cleanup();
		}
	});

	it('dimensions equal a GROUP BY over customers and interactions with customer counts, most first', async () => {
		const rows = await dimensionValues(db);
		const counted = async (dimension: string, sql: string) =>
			(await db.sql<{ value: string; customers: number }>(`${sql} ORDER BY 2 DESC, 1`)).map((r) => ({
				dimension,
				value: r.value,
				customers: r.customers
			}));
		const expected = [
			...(await counted(
				'region',
				'SELECT region AS value, count(*)::INTEGER AS customers FROM customers WHERE region IS NOT NULL GROUP BY 1'
			)),
			...(await counted(
				'country',
				'SELECT country AS value, count(*)::INTEGER AS customers FROM customers WHERE country IS NOT NULL GROUP BY 1'
			)),
			...(await counted(
				'channel',
				`SELECT channel AS value, count(DISTINCT customer_id)::INTEGER AS customers FROM interactions
				 WHERE channel IS NOT NULL GROUP BY 1`
			)),
			...(await counted(
				'acquisition_channel',
				`SELECT acquisition_channel AS value, count(*)::INTEGER AS customers FROM customers
				 WHERE acquisition_channel IS NOT NULL GROUP BY 1`
			))
		];
		expect(rows).toEqual(expected);
		expect(new Set(rows.map((r) => r.dimension))).toEqual(
			new Set(['region', 'country', 'channel', 'acquisition_channel'])
		);
		expect(await dimensionValues(db, { dimension: 'channel' })).toEqual(
			expected.filter((r) => r.dimension === 'channel')
		);
	});

	it('segments: aov, predicted_clv and p_alive per segment from customer_summary and the latest predictions', async () => {
		const segs = await segmentSummary(db);
		const naive = await db.sql<{ k: string; aov: number; clv: number; pa: number }>(
			`SELECT s.rfm_segment AS k, (sum(s.net_revenue) / sum(s.orders))::DOUBLE AS aov,
				avg(p.predicted_clv)::DOUBLE AS clv, avg(p.p_alive)::DOUBLE AS pa
			 FROM customer_summary s LEFT JOIN ${LATEST} p USING (customer_id) WHERE s.orders > 0 GROUP BY 1`
		);
		expect(naive.length).toBeGreaterThan(3);
		for (const n of naive) {
			const s = segs.find((x) => x.segment === n.k)!;
			expect(s.aov, n.k).toBeCloseTo(n.aov, 4);
			expect(s.predicted_clv, n.k).toBeCloseTo(n.clv, 4);
			expect(s.p_alive, n.k).toBeCloseTo(n.pa, 9);
		}
		const json = (await (await call('segments', 'format=json')).json()) as Record<string, unknown>[];
		expect(Object.keys(json[0]!)).toEqual(
			expect.arrayContaining(['customers', 'aov', 'predicted_clv', 'p_alive'])
		);
	});

	it.each([
		['lifecycle-stages', 'lifecycle=sleepy', 'lifecycle'],
		['distributions', 'as_of=2025-02-30', 'as_of'],
		['clv-summary', 'from=2025-03-01&to=2025-02-01', 'from'],
		['dimensions', 'dimension=planet', 'dimension']
	])('GET /api/%s?%s is a 400 that names the problem', async (name, query, word) => {
		try {
			await call(name, query);
			expect.unreachable('expected a 400');
		} catch (e) {
			expect((e as { status: number }).status).toBe(400);
			expect(String((e as { body: { message: string } }).body.message)).toContain(word);
		}
	});

	it.each(['lifecycle-stages', 'distributions', 'clv-summary', 'dimensions'])(
		'GET /api/%s answers JSON rows',
		async (name) => {
			const rows = (await (await call(name, 'format=json')).json()) as unknown[];
			expect(rows.length).toBeGreaterThan(0);
		}
	);
});
