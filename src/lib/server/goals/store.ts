import { z } from 'zod';
import { calendarDate } from '../dates';
import type { Database } from '../db';
import {
	GOAL_GRAINS,
	GOAL_KPI_KEYS,
	scopeSchema,
	type GoalGrain,
	type GoalKpi,
	type GoalScope
} from './kpis';

/** A goal as the user gives it (the CLI's options, the form's fields); checked here, then trusted. */
export const goalInputSchema = z
	.object({
		kpi: z.enum(GOAL_KPI_KEYS),
		scope: scopeSchema.default({}),
		target: z.number().finite(),
		direction: z.enum(['increase', 'decrease']),
		start_date: calendarDate,
		deadline: calendarDate,
		grain: z.enum(GOAL_GRAINS).default('month'),
		owner: z.string().trim().max(120).nullish(),
		why: z.string().trim().max(1000).nullish()
	})
	.refine((g) => g.deadline > g.start_date, {
		message: 'the deadline must be after the start',
		path: ['deadline']
	});
export type GoalInput = z.input<typeof goalInputSchema>;

export interface Goal {
	goal_id: number;
	kpi: GoalKpi;
	scope: GoalScope;
	target: number;
	direction: 'increase' | 'decrease';
	start_date: string;
	deadline: string;
	grain: GoalGrain;
	owner: string | null;
	why: string | null;
	created_at: string;
}

export class GoalNotFound extends Error {
	constructor(id: number) {
		super(`no goal with id ${id}; run \`crm goal list\` to see the goals`);
	}
}

type Stored = Omit<Goal, 'scope' | 'goal_id'> & { goal_id: number | bigint; scope: string };

const SELECT = `SELECT goal_id, kpi, scope::VARCHAR AS scope, target, direction,
	strftime(start_date, '%Y-%m-%d') AS start_date, strftime(deadline, '%Y-%m-%d') AS deadline, grain, owner, why,
	strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at
	FROM goals`;

const fromStored = (r: Stored): Goal => ({
	...r,
	goal_id: Number(r.goal_id),
	scope: scopeSchema.parse(JSON.parse(r.scope))
});

export async function listGoals(db: Database): Promise<Goal[]> {
	return (await db.sql<Stored>(`${SELECT} ORDER BY deadline, goal_id`)).map(fromStored);
}

export async function getGoal(db: Database, id: number): Promise<Goal> {
	const rows = await db.sql<Stored>(`${SELECT} WHERE goal_id = $id`, { id });
	if (!rows[0]) throw new GoalNotFound(id);
	return fromStored(rows[0]);
}

export async function addGoal(db: Database, input: GoalInput): Promise<Goal> {
	const g = goalInputSchema.parse(input);
	const rows = await db.sql<{ goal_id: number | bigint }>(
		`INSERT INTO goals (kpi, scope, target, direction, start_date, deadline, grain, owner, why)
		 VALUES ($kpi, $scope::JSON, $target, $direction, $start_date::DATE, $deadline::DATE, $grain, $owner, $why)
		 RETURNING goal_id`,
		{ ...g, scope: JSON.stringify(g.scope), owner: g.owner || null, why: g.why || null }
	);
	return getGoal(db, Number(rows[0]!.goal_id));
}

/** Deletes a goal and its PDCA cycles. */
export async function deleteGoal(db: Database, id: number): Promise<void> {
	await db.transaction(async (s) => {
		await s.exec('DELETE FROM goal_cycles WHERE goal_id = $id', { id });
		const rows = await s.sql<{ goal_id: number }>('DELETE FROM goals WHERE goal_id = $id RETURNING goal_id', {
			id
		});
		if (!rows[0]) throw new GoalNotFound(id);
	});
}
