import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { generateDemo } from '../../../src/lib/server/demo';
import { refreshMetrics } from '../../../src/lib/server/metrics/refresh';
import { refreshCustomerFeatures } from '../../../src/lib/server/lists/features';
import {
	migrationFlowMembers,
	saveMigrationFlow,
	segmentMigration
} from '../../../src/lib/server/metrics/migration';
import { listMembers } from '../../../src/lib/server/lists/preview';
import { tempDb } from '../../helpers/db';

let db: Database;
let cleanup: () => void;
let asOf: string;

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	await generateDemo(db, { customers: 600, seed: 7, start: '2023-01-01', end: '2024-12-31' });
	asOf = (await refreshMetrics(db)).as_of;
	await refreshCustomerFeatures(db);
});
afterAll(() => cleanup?.());

describe('segment migration', () => {
	it('the flows add up to the base and end in the segments of the materialised summary', async () => {
		const flows = await segmentMigration(db, { from: '2024-01-01', to: asOf });
		const total = await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customer_summary');
		expect(flows.reduce((s, f) => s + f.customers, 0)).toBe(total[0]!.n);
		const bySegment = await db.sql<{ k: string; n: number }>(
			"SELECT coalesce(rfm_segment, 'none') AS k, count(*)::INTEGER AS n FROM customer_summary GROUP BY 1"
		);
		const targets = new Map<string, number>();
		for (const f of flows) targets.set(f.target, (targets.get(f.target) ?? 0) + f.customers);
		expect(Object.fromEntries(targets)).toEqual(Object.fromEntries(bySegment.map((r) => [r.k, r.n])));
		// Customers really move: some flow leaves a segment for another one.
		expect(flows.some((f) => f.source !== f.target && f.source !== 'none' && f.customers > 0)).toBe(true);
		const revenue = await db.sql<{ r: number }>('SELECT sum(net_revenue)::DOUBLE AS r FROM customer_summary');
		expect(flows.reduce((s, f) => s + f.revenue_to, 0)).toBeCloseTo(revenue[0]!.r, 2);
	});

	it('lifecycle stages at two past dates, and a flow saved as a list', async () => {
		const flows = await segmentMigration(db, {
			from: '2023-09-01',
			to: '2024-06-01',
			dimension: 'lifecycle_stage'
		});
		const flow = flows
			.filter((f) => f.source !== f.target && f.source !== 'none')
			.sort((a, b) => b.customers - a.customers)[0]!;
		const members = await migrationFlowMembers(
			db,
			{ from: '2023-09-01', to: '2024-06-01', dimension: 'lifecycle_stage', ...flow },
			null
		);
		expect(members.length).toBe(flow.customers);
		const saved = await saveMigrationFlow(db, {
			from: '2023-09-01',
			to: '2024-06-01',
			dimension: 'lifecycle_stage',
			source: flow.source,
			target: flow.target,
			name: 'moved'
		});
		expect(saved.customers).toBe(flow.customers);
		expect(await listMembers(db, saved.list.rule)).toEqual(members.map((m) => m.customer_id).sort());
	});

	it('refuses dates in the wrong order', async () => {
		await expect(segmentMigration(db, { from: '2024-06-01', to: '2024-01-01' })).rejects.toThrow(/earlier/);
	});
});
