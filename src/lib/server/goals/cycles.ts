import { z } from 'zod';
import { calendarDate } from '../dates';
import type { Database } from '../db';
import { kpiReader } from './kpis';
import { getGoal, type Goal } from './store';

/**
 * PDCA cycles of a goal: Plan (what will be done, optionally a saved list it targets), Do (the day it started),
 * Check (the KPI before and after, computed: the mean of the KPI's complete periods in a window before the Do date
 * and in the window of the same length from it, read by kpiSeries as the goal's own chart), Act (adopt / adjust /
 * abandon, with a note).
 */
export const ACTS = ['adopt', 'adjust', 'abandon'] as const;
/** Periods each side of the Do date the check compares (fewer after it while they have not happened yet). */
export const CHECK_PERIODS = 3;

export const cycleInputSchema = z.object({
	plan: z.string().trim().min(1, 'a plan cannot be empty').max(2000),
	list_name: z.string().trim().max(120).nullish(),
	do_date: calendarDate.nullish()
});
export const actInputSchema = z.object({
	act: z.enum(ACTS),
	act_note: z.string().trim().max(2000).nullish()
});

export interface CycleCheck {
	before: number | null;
	after: number | null;
	/** the periods (starts) of each window */
	before_periods: string[];
	after_periods: string[];
}

export interface Cycle {
	cycle_id: number;
	goal_id: number;
	plan: string;
	list_name: string | null;
	do_date: string | null;
	act: (typeof ACTS)[number] | null;
	act_note: string | null;
	created_at: string;
	check: CycleCheck | null;
}

type Stored = Omit<Cycle, 'check' | 'cycle_id' | 'goal_id'> & {
	cycle_id: number | bigint;
	goal_id: number | bigint;
};

const SELECT = `SELECT cycle_id, goal_id, plan, list_name, strftime(do_date, '%Y-%m-%d') AS do_date, act, act_note,
	strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at FROM goal_cycles`;

export class CycleNotFound extends Error {
	constructor(id: number) {
		super(`no PDCA cycle with id ${id}`);
	}
}

/** The KPI before and after a Do date, over the goal's KPI series (the same function as its pacing). */
export async function checkCycle(
	db: Database,
	goal: Goal,
	doDate: string,
	read = kpiReader(db)
): Promise<CycleCheck> {
	const usable = (await read(goal.kpi, goal.grain, goal.scope)).filter((p) => p.usable && p.value !== null);
	const before = usable.filter((p) => p.period_end < doDate).slice(-CHECK_PERIODS);
	const after = usable.filter((p) => p.period >= doDate).slice(0, CHECK_PERIODS);
	const mean = (xs: typeof usable) =>
		xs.length ? xs.reduce((a, p) => a + (p.value as number), 0) / xs.length : null;
	return {
		before: mean(before),
		after: mean(after),
		before_periods: before.map((p) => p.period),
		after_periods: after.map((p) => p.period)
	};
}

export async function listCycles(db: Database, goal: Goal, read = kpiReader(db)): Promise<Cycle[]> {
	const rows = await db.sql<Stored>(`${SELECT} WHERE goal_id = $id ORDER BY cycle_id`, { id: goal.goal_id });
	return withChecks(db, goal, rows, read);
}

/**
 * The cycles of several goals by goal id, read in one statement (the goals' status lists every goal's cycles), each
 * Check through the one reader the caller shares with the goals' pacing.
 */
export async function cyclesByGoal(
	db: Database,
	goals: Goal[],
	read = kpiReader(db)
): Promise<Map<number, Cycle[]>> {
	const out = new Map<number, Cycle[]>();
	if (!goals.length) return out;
	const byGoal = new Map<number, Stored[]>();
	for (const r of await db.sql<Stored>(`${SELECT} ORDER BY goal_id, cycle_id`)) {
		const id = Number(r.goal_id);
		const rows = byGoal.get(id);
		if (rows) rows.push(r);
		else byGoal.set(id, [r]);
	}
	await Promise.all(
		goals.map(async (g) => out.set(g.goal_id, await withChecks(db, g, byGoal.get(g.goal_id) ?? [], read)))
	);
	return out;
}

async function withChecks(
	db: Database,
	goal: Goal,
	rows: Stored[],
	read: ReturnType<typeof kpiReader>
): Promise<Cycle[]> {
	const out: Cycle[] = [];
	for (const r of rows) {
		out.push({
			...r,
			cycle_id: Number(r.cycle_id),
			goal_id: Number(r.goal_id),
			check: r.do_date ? await checkCycle(db, goal, r.do_date, read) : null
		});
	}
	return out;
}

export async function addCycle(
	db: Database,
	goalId: number,
	input: z.input<typeof cycleInputSchema>
): Promise<number> {
	const c = cycleInputSchema.parse(input);
	await getGoal(db, goalId);
	const rows = await db.sql<{ cycle_id: number | bigint }>(
		`INSERT INTO goal_cycles (goal_id, plan, list_name, do_date) VALUES ($goal_id, $plan, $list_name, $do_date::DATE)
		 RETURNING cycle_id`,
		{ goal_id: goalId, plan: c.plan, list_name: c.list_name || null, do_date: c.do_date ?? null }
	);
	return Number(rows[0]!.cycle_id);
}

/** Records the Act of a cycle (adopt / adjust / abandon, with a note). */
export async function actOnCycle(
	db: Database,
	cycleId: number,
	input: z.input<typeof actInputSchema>
): Promise<void> {
	const a = actInputSchema.parse(input);
	const rows = await db.sql<{ cycle_id: number }>(
		'UPDATE goal_cycles SET act = $act, act_note = $act_note WHERE cycle_id = $id RETURNING cycle_id',
		{ id: cycleId, act: a.act, act_note: a.act_note ?? null }
	);
	if (!rows[0]) throw new CycleNotFound(cycleId);
}
