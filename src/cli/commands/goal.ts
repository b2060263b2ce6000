import type { Command } from 'commander';
import { ZodError } from 'zod';
import {
	GOAL_GRAINS,
	GOAL_KPI_KEYS,
	GOAL_KPIS,
	GoalNotFound,
	addGoal,
	deleteGoal,
	getGoal,
	goalsStatus,
	listGoals,
	type GoalWithPacing
} from '../../lib/server/goals';
import { issueText, messageOnly } from '../../lib/server/issues';
import { UsageError, numberOption, printJson, withDb } from '../util';

async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof GoalNotFound) throw new UsageError(e.message);
		if (e instanceof ZodError) throw new UsageError(issueText(e, messageOnly));
		throw e;
	}
}

function goalId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id < 1)
		throw new UsageError(`a goal id is a whole number >= 1, got '${raw}'`);
	return id;
}

/** What `crm goal status --json` gives per goal (the issue's list). */
function statusRow(g: GoalWithPacing) {
	const p = g.pacing;
	return {
		id: g.goal_id,
		kpi: g.kpi,
		scope: g.scope,
		target: g.target,
		direction: g.direction,
		deadline: g.deadline,
		as_of: g.as_of,
		actual: p.actual,
		actual_period: p.actual_period,
		expected: p.expected,
		forecast: p.forecast && {
			value: p.forecast.value,
			low: p.forecast.low,
			high: p.forecast.high,
			level: 0.8
		},
		status: p.status
	};
}

const num = (v: number | null | undefined) =>
	v === null || v === undefined ? '-' : v.toLocaleString('en', { maximumFractionDigits: 3 });
const scopeText = (s: object) =>
	Object.entries(s)
		.map(([k, v]) => `${k}=${v}`)
		.join(',') || 'all customers';

export function registerGoal(program: Command): void {
	const goal = program
		.command('goal')
		.description(
			'goals: a target on a KPI in a scope by a deadline, paced and forecast (add, list, show, status, delete)'
		);

	goal
		.command('add')
		.description('add a goal')
		.requiredOption('--kpi <kpi>', `KPI: ${GOAL_KPI_KEYS.join(', ')}`)
		.requiredOption('--target <value>', 'target value (rates as 0..1)')
		.requiredOption('--deadline <date>', 'deadline, YYYY-MM-DD')
		.requiredOption(
			'--start <date>',
			'start, YYYY-MM-DD (the baseline is the last complete period before it)'
		)
		.option('--direction <dir>', 'increase (reach at least the target) or decrease (at most)')
		.option('--grain <grain>', `pacing period: ${GOAL_GRAINS.join(', ')}`, 'month')
		.option('--owner <name>', 'who owns the goal')
		.option('--why <text>', 'why the goal matters')
		.option('--region <name>', 'scope: customers of this region')
		.option('--country <name>', 'scope: customers of this country')
		.option('--channel <name>', 'scope: customers who used this channel')
		.option('--acquisition-channel <name>', 'scope: customers acquired through this channel')
		.option('--segment <key>', 'scope: customers of this RFM segment')
		.option('--json', 'print JSON')
		.action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
			const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
			const scope = Object.fromEntries(
				(['region', 'country', 'channel', 'acquisitionChannel', 'segment'] as const)
					.filter((k) => text(k) !== undefined)
					.map((k) => [k === 'acquisitionChannel' ? 'acquisition_channel' : k, text(k)])
			);
			const kpi = text('kpi') as (typeof GOAL_KPI_KEYS)[number];
			await withDb(cmd, (db) =>
				asUsage(async () => {
					const direction =
						text('direction') ?? (GOAL_KPIS as Record<string, { better: string } | undefined>)[kpi]?.better;
					const g = await addGoal(db, {
						kpi,
						scope,
						target: numberOption('--target', text('target'), NaN),
						direction: direction as 'increase' | 'decrease',
						start_date: text('start')!,
						deadline: text('deadline')!,
						grain: text('grain') as (typeof GOAL_GRAINS)[number],
						owner: text('owner'),
						why: text('why')
					});
					if (o.json) return printJson(g);
					process.stdout.write(
						`added goal ${g.goal_id}: ${g.kpi} ${g.direction} to ${g.target} by ${g.deadline}\n`
					);
				})
			);
		});

	goal
		.command('list')
		.description('show the goals')
		.option('--json', 'print JSON')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const all = await listGoals(db);
				if (opts.json) return printJson(all);
				if (!all.length)
					return void process.stdout.write('no goals; add one with `crm goal add --kpi ...`\n');
				for (const g of all) {
					process.stdout.write(
						`${g.goal_id}\t${g.kpi}\t${g.direction} to ${num(g.target)}\tby ${g.deadline}\t${scopeText(g.scope)}\t${g.owner ?? ''}\n`
					);
				}
			});
		});

	goal
		.command('show')
		.description('show a goal with its pacing per period (actual, path, forecast and interval)')
		.argument('<id>', 'goal id')
		.option('--json', 'print JSON')
		.action(async (raw: string, opts: { json?: boolean }, cmd: Command) => {
			const id = goalId(raw);
			await withDb(cmd, (db) =>
				asUsage(async () => {
					const [g] = await goalsStatus(db, [await getGoal(db, id)]);
					if (opts.json) return printJson(g);
					const p = g!.pacing;
					const lines = [
						`goal ${g!.goal_id}: ${g!.kpi} ${g!.direction} to ${num(g!.target)} by ${g!.deadline} (${g!.grain}), ${scopeText(g!.scope)}`,
						`owner ${g!.owner ?? '-'}; why ${g!.why ?? '-'}`,
						`baseline ${num(p.baseline)} (${p.baseline_period ?? '-'}), status ${p.status}`,
						'period      actual        path          forecast [80% interval]',
						...p.points.map(
							(x) =>
								`${x.period}  ${num(x.actual).padEnd(12)}  ${num(x.path).padEnd(12)}  ${
									x.forecast === null ? '' : `${num(x.forecast)} [${num(x.low)}, ${num(x.high)}]`
								}`
						)
					];
					process.stdout.write(lines.join('\n') + '\n');
				})
			);
		});

	goal
		.command('status')
		.description(
			'per goal: actual (latest complete period), expected on the path now, forecast at the deadline, status'
		)
		.option('--json', 'print JSON')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const rows = (await goalsStatus(db)).map(statusRow);
				if (opts.json) return printJson(rows);
				for (const r of rows) {
					const f = r.forecast
						? `${num(r.forecast.value)} [${num(r.forecast.low)}, ${num(r.forecast.high)}]`
						: '-';
					process.stdout.write(
						`${r.id}\t${r.kpi}\t${r.status}\tactual ${num(r.actual)}\texpected ${num(r.expected)}\tforecast ${f}\ttarget ${num(r.target)} by ${r.deadline}\n`
					);
				}
			});
		});

	goal
		.command('delete')
		.description('delete a goal and its PDCA cycles')
		.argument('<id>', 'goal id')
		.action(async (raw: string, _opts: unknown, cmd: Command) => {
			const id = goalId(raw);
			await withDb(cmd, (db) =>
				asUsage(async () => {
					await deleteGoal(db, id);
					process.stdout.write(`deleted goal ${id}\n`);
				})
			);
		});
}
