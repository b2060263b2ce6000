import type { Command } from 'commander';
import {
	COHORT_BREAKDOWNS,
	COHORT_MODES,
	cohortParamsSchema,
	cohortRetention
} from '../../lib/server/metrics/cohorts';
import { printJson, withDb } from '../util';
import { addPeriodOptions, parseOptions } from './kpis';

export function registerCohorts(program: Command): void {
	addPeriodOptions(
		program
			.command('cohorts')
			.description(
				'cohort retention grid: cohort = period of the first purchase, one column per period since'
			)
			.option('--mode <mode>', `cell value: ${COHORT_MODES.join(', ')}`, 'on')
			.option('--breakdown <column>', `split each cohort by: ${COHORT_BREAKDOWNS.join(', ')}`)
	).action(async (opts: Record<string, unknown>, cmd: Command) => {
		const params = parseOptions(cohortParamsSchema, opts);
		await withDb(cmd, async (db) => {
			const cells = await cohortRetention(db, params);
			if (opts.json) return printJson(cells);
			const rows = new Map<string, string[]>();
			for (const c of cells) {
				const key = `${c.breakdown ?? ''} ${c.is_average ? 'weighted average' : `${c.cohort} (${c.cohort_size})`}`;
				const v =
					c.value === null
						? '-'
						: params.mode === 'revenue'
							? c.value.toFixed(2)
							: `${(100 * c.value).toFixed(0)}%`;
				rows.set(key, [...(rows.get(key) ?? []), `${v}${c.complete ? '' : '*'}`.padStart(6)]);
			}
			const out = [...rows].map(([k, vs]) => `${k.trim().padEnd(32)} ${vs.join(' ')}`);
			process.stdout.write(`${out.join('\n')}\n* period not complete at the as-of date\n`);
		});
	});
}
