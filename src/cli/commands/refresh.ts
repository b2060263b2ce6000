import type { Command } from 'commander';
import { refreshDerived, refreshSteps } from '../../lib/server/pipeline';
import { StepProgress } from '../progress';
import { printJson, UsageError, withDb } from '../util';

/** `crm refresh`: reruns what an ingest reruns (src/lib/server/pipeline.ts), printing each step's duration. */
export function registerRefresh(program: Command): void {
	program
		.command('refresh')
		.description(
			`rebuild the derived tables that are not current (the registry's entries, in order: ${refreshSteps.map((s) => s.name).join(', ')}) and print each step's duration; with no new data nothing is rebuilt`
		)
		.option(
			'--only <steps>',
			'rebuild only these steps, current or not, comma-separated (e.g. metrics,periods)'
		)
		.option('--force', 'rebuild every step, current or not')
		.option('--json', 'print JSON: [{ name, ms, skipped }]')
		.action(async (opts: { only?: string; force?: boolean; json?: boolean }, cmd: Command) => {
			const known = refreshSteps.map((s) => s.name);
			const only = opts.only
				?.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== '');
			const unknown = (only ?? []).filter((n) => !known.includes(n));
			if (only && (only.length === 0 || unknown.length > 0)) {
				throw new UsageError(
					`--only: unknown step '${unknown.join("', '") || opts.only}'; the steps are: ${known.join(', ')}`
				);
			}
			await withDb(
				cmd,
				async (db) => {
					// step i/n on stderr while a step runs (on a terminal); each step's time on stdout when it ends
					const progress = new StepProgress(only ?? known);
					const log = (m: string) => {
						if (!opts.json) progress.print(m, process.stdout);
						progress.finished(m);
					};
					progress.begin();
					const timings = await refreshDerived(db, log, only, { force: opts.force }).finally(() =>
						progress.stop()
					);
					if (opts.json) return printJson(timings);
					const total = timings.reduce((a, t) => a + t.ms, 0);
					process.stdout.write(`total: ${total} ms\n`);
				},
				{ repair: false }
			);
		});
}
