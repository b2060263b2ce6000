import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { refreshModels } from '../../lib/server/models/service';
import { UsageError, printJson, withDb } from '../util';
import { nonNegative, timeUnitOption } from './model-options';

const COLUMNS = [
	'customer_id',
	'model',
	'as_of',
	'horizon_days',
	'expected_purchases',
	'p_alive',
	'churn_probability',
	'churn_band',
	'expected_next_order',
	'predicted_clv',
	'historic_clv',
	'total_clv',
	'fit_id'
] as const;

function csvCell(v: unknown): string {
	if (v === null || v === undefined) return '';
	const s = String(v);
	return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function registerPredict(program: Command): void {
	program
		.command('predict')
		.description(
			'fit BG/NBD and Gamma-Gamma on all purchases, store per-customer predictions (P(alive), churn, CLV, next order) and print them'
		)
		.option('--horizon <days>', 'horizon of expected purchases and predicted CLV, in days', '365')
		.option('--discount-rate <r>', 'CLV discount rate per month, e.g. 0.01 for 1%', '0.01')
		.option('--time-unit <unit>', 'time unit of the fit: day | week', 'week')
		.option('--json', 'print every prediction as JSON')
		.option('--csv', 'print every prediction as CSV')
		.option('--out <file>', 'write the JSON or CSV to this file instead of standard output')
		.addHelpText(
			'after',
			'\nExample: crm predict --horizon 365 --discount-rate 0.01 --csv --out predictions.csv'
		)
		.action(
			async (
				opts: {
					horizon?: string;
					discountRate?: string;
					timeUnit?: string;
					json?: boolean;
					csv?: boolean;
					out?: string;
				},
				cmd: Command
			) => {
				if (opts.json && opts.csv) throw new UsageError('choose one of --json and --csv');
				if (opts.out && !opts.json && !opts.csv) throw new UsageError('--out needs --json or --csv');
				const horizonDays = nonNegative('--horizon', opts.horizon, 365);
				if (!Number.isInteger(horizonDays))
					throw new UsageError(`--horizon must be a whole number of days, got '${opts.horizon}'`);
				const discountRate = nonNegative('--discount-rate', opts.discountRate, 0.01);
				const timeUnit = timeUnitOption(opts.timeUnit);
				await withDb(cmd, async (db) => {
					const res = await refreshModels(db, { horizonDays, discountRate, timeUnit });
					const purchase = res.purchase;
					if (!purchase || purchase.status !== 'ok') {
						process.exitCode = 1;
						const why = purchase?.message ?? 'there are no purchases to fit a model on';
						process.stderr.write(`crm: no predictions: ${why}\n`);
						if (opts.json)
							printJson({ status: purchase?.status ?? 'ineligible', message: why, predictions: [] });
						return;
					}
					if (res.spend?.status !== 'ok') {
						process.stderr.write(`crm: predicted CLV is empty: ${res.spend?.message}\n`);
					}
					if (!opts.json && !opts.csv) {
						const bands = await db.sql<{ churn_band: string; n: number; clv: number | null }>(
							`SELECT churn_band, count(*) AS n, sum(predicted_clv) AS clv FROM predictions
							 GROUP BY 1 ORDER BY CASE churn_band WHEN 'low' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`
						);
						const lines = [
							`as of ${res.asOf}: ${res.predictions.toLocaleString('en')} customers, horizon ${horizonDays} days, discount ${discountRate * 100}%/month`,
							`${purchase.model} (${res.choice?.criterion ?? 'in use'}) ${JSON.stringify(purchase.fit?.params)}`,
							`Gamma-Gamma ${res.spend?.status === 'ok' ? JSON.stringify(res.spend.fit?.params) : `(${res.spend?.message})`}`,
							...bands.map(
								(b) =>
									`churn ${b.churn_band.padEnd(7)}${String(b.n).padStart(10)} customers, predicted CLV ${Math.round(b.clv ?? 0).toLocaleString('en')}`
							),
							'(use --json or --csv [--out FILE] for every customer)'
						];
						process.stdout.write(lines.join('\n') + '\n');
						return;
					}
					const rows = await db.sql<Record<string, unknown>>(
						`SELECT customer_id, model, strftime(as_of, '%Y-%m-%d') AS as_of, horizon_days, expected_purchases,
							p_alive, churn_probability, churn_band, strftime(expected_next_order, '%Y-%m-%d') AS expected_next_order,
							predicted_clv, historic_clv, total_clv, fit_id
						 FROM current_predictions ORDER BY customer_id`
					);
					const text = opts.csv
						? [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))].join(
								'\n'
							) + '\n'
						: `${JSON.stringify(rows)}\n`;
					if (opts.out) {
						writeFileSync(opts.out, text);
						process.stderr.write(`wrote ${rows.length} predictions to ${opts.out}\n`);
					} else if (opts.json) printJson(rows);
					else process.stdout.write(text);
				});
			}
		);
}
