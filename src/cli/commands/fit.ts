import type { Command } from 'commander';
import { computeFit, readModelInputs } from '../../lib/server/models/service';
import type { ModelName } from '../../lib/server/models/fit';
import { UsageError, printJson, withDb } from '../util';
import { dateOption, nonNegative, timeUnitOption } from './model-options';

const MODELS: ModelName[] = ['bgnbd', 'mbg-nbd', 'pareto-nbd', 'gamma-gamma'];

export function registerFit(program: Command): void {
	program
		.command('fit')
		.description(
			'fit a purchase or spend model on the purchases up to the calibration end (nothing is stored)'
		)
		.requiredOption('--model <name>', `model: ${MODELS.join(' | ')}`)
		.option(
			'--calibration-end <date>',
			'last day of the data to fit on, included (default: last purchase day)'
		)
		.option('--time-unit <unit>', 'time unit of the parameters: day | week', 'week')
		.option('--penalizer <x>', 'L2 penalty on the parameters (default 0)')
		.option('--json', 'print JSON')
		.addHelpText(
			'after',
			'\nExample: crm fit --model bgnbd --calibration-end 1997-09-30 --time-unit week --json'
		)
		.action(
			async (
				opts: {
					model: string;
					calibrationEnd?: string;
					timeUnit?: string;
					penalizer?: string;
					json?: boolean;
				},
				cmd: Command
			) => {
				if (!MODELS.includes(opts.model as ModelName)) {
					throw new UsageError(`--model must be one of ${MODELS.join(', ')}, got '${opts.model}'`);
				}
				const req = {
					model: opts.model as ModelName,
					calibrationEnd: dateOption('--calibration-end', opts.calibrationEnd),
					timeUnit: timeUnitOption(opts.timeUnit),
					penalizer: nonNegative('--penalizer', opts.penalizer, 0)
				};
				// The inputs are copied out and the database closed before the fit computes: another command (crm rfm,
				// an ingest) can open it meanwhile (docs/MODELS.md, "Fits and the write lock").
				const inputs = await withDb(cmd, (db) => readModelInputs(db, req));
				process.stderr.write(`fitting ${req.model} (database closed)\n`);
				const run = computeFit(inputs);
				const f = run.fit;
				const out = {
					model: run.model,
					status: run.status,
					message: run.message,
					...(run.threshold ? { threshold: run.threshold } : {}),
					// Numbers only for a model that could be fitted; a non-converged fit says so in `converged`.
					params: f?.params ?? null,
					std_errors: f?.stdErrors ?? null,
					log_likelihood: f?.logLikelihood ?? null,
					n_customers: f?.nCustomers ?? run.facts.customers,
					converged: run.status === 'ok',
					// A converged fit on a flat likelihood: the reasons, so that no one reads a ridge as an estimate.
					poorly_identified: f?.identification.poorlyIdentified ?? null,
					identification: f?.identification.reasons ?? null,
					starts: f?.starts ?? null,
					iterations: f?.iterations ?? null,
					duration_ms: f ? Math.round(f.durationMs * 10) / 10 : null,
					calibration_end: run.calibrationEnd,
					time_unit: run.timeUnit,
					penalizer: req.penalizer,
					...(run.model === 'gamma-gamma'
						? { spend_frequency_correlation: run.facts.spendFrequencyCorrelation }
						: {})
				};
				if (run.status !== 'ok') process.exitCode = 1;
				if (opts.json) return printJson(out);
				const poorly = f?.identification.poorlyIdentified === true;
				const lines = [
					`model           ${out.model} (${out.status}: ${poorly ? 'converged, POORLY IDENTIFIED' : out.message})`
				];
				if (f && poorly) for (const reason of f.identification.reasons) lines.push(`  ! ${reason}`);
				if (f) {
					for (const [k, v] of Object.entries(f.params)) {
						const se = f.stdErrors[k];
						lines.push(`  ${k.padEnd(14)}${v.toPrecision(6)}${se ? `  (se ${se.toPrecision(3)})` : ''}`);
					}
					lines.push(`log-likelihood  ${f.logLikelihood.toFixed(2)}`);
					lines.push(
						`iterations      ${f.iterations} (${f.starts} start${f.starts > 1 ? 's' : ''}), ${out.duration_ms} ms`
					);
				}
				lines.push(
					`customers       ${out.n_customers}`,
					`calibration end ${out.calibration_end} (${out.time_unit}s)`
				);
				if (out.spend_frequency_correlation !== undefined && out.spend_frequency_correlation !== null) {
					lines.push(
						`corr(x, spend)  ${out.spend_frequency_correlation.toFixed(3)} (Gamma-Gamma assumes about 0)`
					);
				}
				process.stdout.write(lines.join('\n') + '\n');
			}
		);
}
