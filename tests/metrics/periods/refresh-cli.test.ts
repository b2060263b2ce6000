import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/lib/server/db';
import { kpiPeriods } from '../../../src/lib/server/metrics';
import { crm } from '../../helpers/cli';
import { tempDb } from '../../helpers/db';
import { loadFixture } from './fixture';

/** `crm refresh`: the refresh steps of pipeline.ts on --db, each step's duration printed. */
describe('crm refresh', () => {
	let path: string;
	let cleanup: () => void;

	beforeAll(async () => {
		const t = await tempDb();
		path = t.path;
		cleanup = t.cleanup;
		await loadFixture(t.db, [
			{ c: 'a', at: '2024-01-05' },
			{ c: 'b', at: '2024-01-20' },
			{ c: 'a', at: '2024-02-10' }
		]);
		// A purchase the derived tables do not know yet: only a refresh makes it count.
		await t.db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
			 VALUES ('late', 'b', TIMESTAMP '2024-02-15 10:00:00', 'purchase', 'web', 'o-late', 50)`
		);
		t.db.close(); // the CLI opens the file itself
	}, 60_000);
	afterAll(() => cleanup?.());

	it('runs the named steps in pipeline order, prints their durations, and the metrics see the new data', async () => {
		const r = crm(['--db', path, 'refresh', '--only', 'periods,metrics', '--json']);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const timings = JSON.parse(r.stdout) as { name: string; ms: number }[];
		expect(timings.map((t) => t.name)).toEqual(['metrics', 'periods']);
		for (const t of timings) expect(t.ms).toBeGreaterThanOrEqual(0);

		const db = await Database.open({ path });
		try {
			const feb = (await kpiPeriods(db, 'month')).find((p) => p.period === '2024-02-01');
			expect(feb).toMatchObject({ orders: 2, active_customers: 2, revenue: 150 });
		} finally {
			db.close();
		}
	}, 120_000);

	it('prints one line per step in text mode', () => {
		const r = crm(['--db', path, 'refresh', '--only', 'metrics']);
		expect(r.status).toBe(0);
		expect(r.stdout).toMatch(/^metrics: \d+ ms\ntotal: \d+ ms\n$/);
	}, 120_000);

	it('refuses an unknown step with exit code 2 and names the known ones', () => {
		const r = crm(['--db', path, 'refresh', '--only', 'metrics,fitting']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(
			/--only: unknown step 'fitting'; the steps are: metrics, periods, models, .*segments/
		);
	});
});
