import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/lib/server/demo';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { crm } from '../helpers/cli';
import { tempDb } from '../helpers/db';

describe('crm goal', () => {
	let path: string;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		await generateDemo(t.db, { customers: 500, seed: 5 });
		await refreshDerived(t.db);
		t.db.close();
		path = t.path;
		cleanup = t.cleanup;
	}, 300_000);
	afterAll(() => cleanup());

	it('adds, reports status as JSON, shows and deletes a goal; bad input exits 2 with the reason', () => {
		const bad = crm([
			'--db',
			path,
			'goal',
			'add',
			'--kpi',
			'happiness',
			'--target',
			'1',
			'--start',
			'2025-01-01',
			'--deadline',
			'2026-03-31'
		]);
		expect(bad.status).toBe(2);
		expect(bad.stderr).toMatch(/kpi|happiness|expected one of/i);
		const late = crm([
			'--db',
			path,
			'goal',
			'add',
			'--kpi',
			'revenue',
			'--target',
			'1',
			'--start',
			'2025-01-01',
			'--deadline',
			'2024-03-31'
		]);
		expect(late.status).toBe(2);
		expect(late.stderr).toMatch(/deadline must be after the start/);

		const added = crm([
			'--db',
			path,
			'goal',
			'add',
			'--kpi',
			'churn_rate',
			'--target',
			'0.01',
			'--start',
			'2025-07-01',
			'--deadline',
			'2026-03-31',
			'--owner',
			'Lan',
			'--json'
		]);
		expect(added.status, added.stderr).toBe(0);
		const goal = JSON.parse(added.stdout) as { goal_id: number; direction: string };
		expect(goal.direction).toBe('decrease'); // churn: lower is better, the default direction

		const status = crm(['--db', path, 'goal', 'status', '--json']);
		expect(status.status, status.stderr).toBe(0);
		const rows = JSON.parse(status.stdout) as Record<string, unknown>[];
		expect(rows).toHaveLength(1);
		expect(Object.keys(rows[0]!)).toEqual(
			expect.arrayContaining([
				'id',
				'kpi',
				'scope',
				'target',
				'deadline',
				'actual',
				'expected',
				'forecast',
				'status'
			])
		);
		expect(rows[0]!.id).toBe(goal.goal_id);
		expect(rows[0]!.actual_period).toBe('2025-12-01');
		expect(typeof rows[0]!.actual).toBe('number');

		const shown = crm(['--db', path, 'goal', 'show', String(goal.goal_id)]);
		expect(shown.status).toBe(0);
		expect(shown.stdout).toContain('2026-03-01');
		expect(crm(['--db', path, 'goal', 'delete', String(goal.goal_id)]).status).toBe(0);
		expect(crm(['--db', path, 'goal', 'show', String(goal.goal_id)]).status).toBe(2);
		expect(JSON.parse(crm(['--db', path, 'goal', 'list', '--json']).stdout)).toEqual([]);
	}, 120_000);
});
