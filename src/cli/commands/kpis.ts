import type { Command } from 'commander';
import type { z } from 'zod';
import { GRAINS } from '../../lib/server/metrics/filters';
import { kpis, periodParamsSchema, type KpiValue } from '../../lib/server/metrics/kpis';
import { printJson, UsageError, withDb } from '../util';
import { issueText } from '../../lib/server/issues';

/** The period and filter options of the period metrics (names as in the API, with dashes). */
export function addPeriodOptions(cmd: Command): Command {
	return cmd
		.option('--period <grain>', `period: ${GRAINS.join(', ')}`, 'month')
		.option('--from <date>', 'first day to show, YYYY-MM-DD (periods overlapping it are shown)')
		.option('--to <date>', 'last day to show, YYYY-MM-DD')
		.option('--as-of <date>', 'use only data before this day (default: the day after the last interaction)')
		.option('--region <name>', 'only customers of this region (province / city)')
		.option('--country <name>', 'only customers of this country')
		.option('--channel <name>', 'only customers who used this channel')
		.option('--acquisition-channel <name>', 'only customers acquired through this channel')
		.option('--segment <key>', 'only customers of this RFM segment (e.g. champions)')
		.option('--lifecycle <stage>', 'only customers in this stage: new, active, at_risk, churned, reactivated')
		.option('--json', 'print JSON');
}

/** Checks the options with the API's zod schema; a bad one is a usage error (exit 2) that names the option. */
export function parseOptions<S extends z.ZodType>(schema: S, opts: Record<string, unknown>): z.infer<S> {
	const raw: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(opts)) {
		if (v === undefined || k === 'json') continue;
		raw[k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = v;
	}
	const parsed = schema.safeParse(raw);
	if (!parsed.success) {
		throw new UsageError(
			issueText(parsed.error, (path) => `--${String(path[0] ?? 'options').replace(/_/g, '-')}`) +
				' (see --help)'
		);
	}
	return parsed.data;
}

const fmt = (metric: string, v: number | null): string => {
	if (v === null) return '-';
	if (/rate|retention/.test(metric)) return `${(100 * v).toFixed(1)}%`;
	if (Number.isInteger(v)) return v.toLocaleString('en');
	return v.toLocaleString('en', { maximumFractionDigits: 2 });
};

/** A table: one line per period, one column per metric; '*' marks a period the data covers only in part. */
function printTable(rows: KpiValue[]): void {
	const metrics = [...new Set(rows.map((r) => r.metric))];
	const periods = [...new Set(rows.map((r) => r.period))];
	const cell = new Map(rows.map((r) => [`${r.period}|${r.metric}`, r]));
	const header = ['period', ...metrics];
	const lines = periods.map((p) => [
		p + (cell.get(`${p}|${metrics[0]}`)?.partial ? '*' : ' '),
		...metrics.map((m) => fmt(m, cell.get(`${p}|${m}`)?.value ?? null))
	]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
	const out = [header, ...lines].map((l) => l.map((c, i) => c.padStart(widths[i]!)).join('  '));
	process.stdout.write(
		`${out.join('\n')}\n${periods.length ? '* partial period: not over at the as-of date, or begun before the data\n' : ''}`
	);
}

export function registerKpis(program: Command): void {
	addPeriodOptions(
		program
			.command('kpis')
			.description(
				'KPIs per period (active, new, returning, reactivated, churned customers, churn and retention rates, ' +
					'revenue, AOV, NRR, historic CLV) with changes vs the previous period and a year earlier'
			)
	).action(async (opts: Record<string, unknown>, cmd: Command) => {
		const params = parseOptions(periodParamsSchema, opts);
		await withDb(cmd, async (db) => {
			const rows = await kpis(db, params);
			if (opts.json) return printJson(rows);
			printTable(rows);
		});
	});
}
