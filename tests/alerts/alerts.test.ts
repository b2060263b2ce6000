import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { addGoal, deleteGoal, kpiSeries } from '../../src/lib/server/goals';
import {
	addRule,
	deliverPending,
	evaluateAlerts,
	listAlerts,
	setWebhookUrl
} from '../../src/lib/server/alerts';
import { tempDb } from '../helpers/db';

/** A loopback receiver answering the statuses in `plan` in turn (then 200), keeping the bodies it got. */
async function receiver(plan: number[]): Promise<{ url: string; bodies: unknown[]; server: Server }> {
	const bodies: unknown[] = [];
	let n = 0;
	const server = createServer((req, res) => {
		let text = '';
		req.on('data', (c: Buffer) => (text += c.toString()));
		req.on('end', () => {
			const status = plan[n++] ?? 200;
			if (status === 200) bodies.push(JSON.parse(text));
			res.writeHead(status).end();
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, server };
}

describe('alerts on the sample data (2,000 customers)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await generateDemo(db, { customers: 2000, seed: 5 });
		await refreshDerived(db);
	}, 300_000);
	afterAll(() => cleanup());

	it('the refresh evaluates the alerts (registry entry) and keeps the snapshot of P(alive)', async () => {
		const state = await db.sql<{ n: number }>(
			"SELECT count(*)::INTEGER AS n FROM derived_state WHERE name = 'alerts'"
		);
		expect(state[0]!.n).toBe(1);
		const snap = await db.sql<{ n: number; p: number }>(
			'SELECT (SELECT count(*) FROM alert_p_alive_snapshot)::INTEGER AS n, (SELECT count(*) FROM current_predictions WHERE p_alive IS NOT NULL)::INTEGER AS p'
		);
		expect(snap[0]!.n).toBe(snap[0]!.p);
		expect(snap[0]!.n).toBeGreaterThan(1000);
	});

	it('a high-value customer alert fires exactly for the customers whose P(alive) crossed the threshold', async () => {
		const rule = await addRule(db, { kind: 'clv_p_alive_drop', top_share: 0.2, below: 0.5 });
		// the last evaluation saw every third customer at 0.9 and the others at 0.3 (as if they had been there)
		await db.exec(
			'UPDATE alert_p_alive_snapshot SET p_alive = CASE WHEN hash(customer_id) % 3 = 0 THEN 0.9 ELSE 0.3 END'
		);
		const preds = await db.sql<{
			customer_id: string;
			p_alive: number;
			predicted_clv: number | null;
			before: number;
		}>(
			`SELECT p.customer_id, p.p_alive, p.predicted_clv, s.p_alive AS before
			 FROM current_predictions p JOIN alert_p_alive_snapshot s USING (customer_id)`
		);
		// independent: percent rank by predicted CLV (descending, ties share the rank) among customers with one
		const valued = preds.filter((p) => p.predicted_clv !== null);
		const n = (
			await db.sql<{ n: number }>(
				'SELECT count(*)::INTEGER AS n FROM current_predictions WHERE predicted_clv IS NOT NULL'
			)
		)[0]!.n;
		const clvs = valued.map((p) => p.predicted_clv!);
		const expected = valued
			.filter((p) => clvs.filter((c) => c > p.predicted_clv!).length / (n - 1) < 0.2)
			.filter((p) => p.p_alive < 0.5 && p.before >= 0.5)
			.map((p) => p.customer_id)
			.sort();
		expect(expected.length).toBeGreaterThan(0);
		const fired = await evaluateAlerts(db, '2026-01-01');
		const alert = fired.find((f) => f.kind === 'clv_p_alive_drop')!;
		expect(alert.rule_id).toBe(rule.rule_id);
		expect([...(alert.detail.customer_ids as string[])].sort()).toEqual(expected);
		// nothing crossed since: no second alert
		expect((await evaluateAlerts(db, '2026-01-01')).filter((f) => f.kind === 'clv_p_alive_drop')).toEqual([]);
		expect((await listAlerts(db)).filter((a) => a.kind === 'clv_p_alive_drop')).toHaveLength(1);
	});

	it('a goal that falls off pace fires once; a KPI beyond a threshold fires', async () => {
		const last = (await kpiSeries(db, 'revenue', 'month', {})).filter((p) => p.usable).at(-1)!;
		const g = await addGoal(db, {
			kpi: 'revenue',
			target: 2 * last.value!,
			direction: 'increase',
			start_date: '2025-07-01',
			deadline: '2026-06-30'
		});
		await addRule(db, { kind: 'kpi_threshold', kpi: 'revenue', op: 'below', value: 2 * last.value! });
		const first = await evaluateAlerts(db, '2026-01-01');
		expect(first.filter((f) => f.kind === 'goal_off_pace').map((f) => f.goal_id)).toEqual([g.goal_id]);
		expect(first.find((f) => f.kind === 'kpi_threshold')!.detail.value).toBe(last.value);
		expect((await evaluateAlerts(db, '2026-01-01')).filter((f) => f.kind === 'goal_off_pace')).toEqual([]);
		await deleteGoal(db, g.goal_id);
	});

	it('webhook: alerts are POSTed as JSON, failures retried and recorded, and delivered at a later round', async () => {
		const down = await receiver([500, 503, 500, ...Array<number>(60).fill(500)]);
		await setWebhookUrl(db, down.url);
		const pending = (await listAlerts(db)).length;
		const r1 = await deliverPending(db, undefined, 1);
		expect(r1.failed).toBe(pending);
		const first = (await listAlerts(db)).at(-1)!.alert_id;
		const attempts = await db.sql<{ attempt: number; status: number; delivered: boolean }>(
			'SELECT attempt, status, delivered FROM webhook_deliveries WHERE alert_id = $id ORDER BY attempt',
			{ id: first }
		);
		expect(attempts).toEqual([
			{ attempt: 1, status: 500, delivered: false },
			{ attempt: 2, status: 503, delivered: false },
			{ attempt: 3, status: 500, delivered: false }
		]);
		down.server.close();
		// the receiver is back: every pending alert arrives, none is lost
		const up = await receiver([502]);
		await setWebhookUrl(db, up.url);
		const r2 = await deliverPending(db, undefined, 1);
		expect(r2).toEqual({ delivered: pending, failed: 0 });
		expect(up.bodies).toHaveLength(pending);
		expect((up.bodies as { alert_id: number }[]).map((b) => b.alert_id).sort((a, b) => a - b)[0]).toBe(first);
		const again = await db.sql<{ attempt: number; status: number; delivered: boolean }>(
			'SELECT attempt, status, delivered FROM webhook_deliveries WHERE alert_id = $id ORDER BY attempt',
			{ id: first }
		);
		expect(again.slice(3).map((a) => a.delivered)).toContain(true);
		expect((await deliverPending(db, undefined, 1)).delivered).toBe(0);
		up.server.close();
	});
});
