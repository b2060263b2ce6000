import type { Command } from 'commander';
import { PURCHASE_MODELS, validateModel, type PurchaseModel } from '../../lib/server/models/validate';
import { UsageError, printJson, withDb } from '../util';
import { dateOption, nonNegative, timeUnitOption } from './model-options';

export function registerValidate(program: Command): void {
	program
		.command('validate')
		.description(
			'fit on the calibration period and compare predicted with actual repeat purchases in the holdout'
		)
		.requiredOption('--calibration-end <date>', 'last day of the calibration period, included')
		.requiredOption('--holdout-end <date>', 'last day of the holdout period, included')
		.option('--model <name>', PURCHASE_MODELS.join(' | '), 'bgnbd')
		.option('--time-unit <unit>', 'day | week (the cumulative curve has one point per unit)', 'week')
		.option('--penalizer <x>', 'L2 penalty on the parameters (default 0)')
		.option('--json', 'print JSON')
		.addHelpText(
			'after',
			'\nExample: crm validate --calibration-end 1997-09-30 --holdout-end 1998-06-30 --json'
		)
		.action(
			async (
				opts: {
					calibrationEnd: string;
					holdoutEnd: string;
					model: string;
					timeUnit?: string;
					penalizer?: string;
					json?: boolean;
				},
				cmd: Command
			) => {
				if (!PURCHASE_MODELS.includes(opts.model as PurchaseModel)) {
					throw new UsageError(`--model must be one of ${PURCHASE_MODELS.join(', ')}, got '${opts.model}'`);
				}
				const calibrationEnd = dateOption('--calibration-end', opts.calibrationEnd)!;
				const holdoutEnd = dateOption('--holdout-end', opts.holdoutEnd)!;
				if (holdoutEnd <= calibrationEnd) {
					throw new UsageError(
						`--holdout-end (${holdoutEnd}) must be after --calibration-end (${calibrationEnd})`
					);
				}
				await withDb(cmd, async (db) => {
					const v = await validateModel(db, {
						model: opts.model as PurchaseModel,
						calibrationEnd,
						holdoutEnd,
						timeUnit: timeUnitOption(opts.timeUnit),
						penalizer: nonNegative('--penalizer', opts.penalizer, 0)
					});
					if (v.status !== 'ok') process.exitCode = 1;
					if (opts.json) return printJson(v);
					const lines = [`${v.model}: ${v.status} (${v.message}), ${v.customers} calibration customers`];
					if (v.total && v.mae) {
						lines.push(
							`holdout repeat purchases: actual ${v.total.actual}, predicted ${v.total.predicted.toFixed(1)} (${v.total.errorPercent.toFixed(1)}%)`,
							`MAE per customer ${v.mae.perCustomer.toFixed(3)}; by calibration purchases ${v.mae.byCalibrationPurchases.toFixed(3)}`,
							'calibration purchases   customers   actual   predicted',
							...v.byCalibrationPurchases!.map(
								(b) =>
									`${b.label.padStart(21)}${String(b.customers).padStart(12)}${b.actual.toFixed(2).padStart(9)}${b.predicted.toFixed(2).padStart(12)}`
							)
						);
					}
					process.stdout.write(lines.join('\n') + '\n');
				});
			}
		);
}
