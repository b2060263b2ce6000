import type { Command } from 'commander';
import {
	customerSummaryTotals,
	metricQuerySchema,
	rfmConfigFromOptions
} from '../../lib/server/metrics/summary';
import { currencySetting } from '../../lib/server/db';
import { formatters } from '../../lib/i18n/format';
import type { MetricQuery } from '../../lib/server/metrics/summary';
import { printJson, UsageError, withDb } from '../util';
import { issueText } from '../../lib/server/issues';

/** The filter and scoring options every metric command takes (names as in the API, with dashes). */
export function addMetricOptions(cmd: Command): Command {
	return cmd
		.option('--as-of <date>', 'as-of date YYYY-MM-DD (default: the day after the last interaction)')
		.option('--from <date>', 'count only interactions on or after this day')
		.option(
			'--to <date>',
			'count only interactions up to this day (inclusive); the as-of date becomes the day after'
		)
		.option('--region <name>', 'only customers of this region (province / city)')
		.option('--country <name>', 'only customers of this country')
		.option('--channel <name>', 'count only interactions of this channel')
		.option('--acquisition-channel <name>', 'only customers acquired through this channel')
		.option('--segment <key>', 'only customers of this RFM segment (e.g. champions)')
		.option('--lifecycle <stage>', 'only customers in this stage: new, active, at_risk, reactivated, churned')
		.option('--method <m>', "RFM scoring: 'quintile' (default) or 'fixed' with the three cut lists")
		.option('--r-cuts <a,b,c,d>', 'fixed scoring: recency days; R = 5 minus the number of cuts exceeded')
		.option('--f-cuts <a,b,c,d>', 'fixed scoring: orders; F = 1 plus the number of cuts reached')
		.option('--m-cuts <a,b,c,d>', 'fixed scoring: net revenue; M = 1 plus the number of cuts reached');
}

/** Checks the options with the API's schema; a bad one is a usage error that names it. */
export function metricQueryFrom(opts: Record<string, string | undefined>): MetricQuery {
	const raw = {
		as_of: opts.asOf,
		from: opts.from,
		to: opts.to,
		region: opts.region,
		country: opts.country,
		channel: opts.channel,
		acquisition_channel: opts.acquisitionChannel,
		segment: opts.segment,
		lifecycle: opts.lifecycle,
		method: opts.method,
		r_cuts: opts.rCuts,
		f_cuts: opts.fCuts,
		m_cuts: opts.mCuts
	};
	const parsed = metricQuerySchema.safeParse(
		Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined))
	);
	if (!parsed.success) {
		const flag = (k: string) => `--${k.replace(/_/g, '-')}`;
		throw new UsageError(
			issueText(parsed.error, (path) => (path.length ? flag(String(path[0])) : 'options'))
		);
	}
	return parsed.data;
}

const num = (n: number | null, digits = 1) => (n === null ? '-' : n.toFixed(digits));
const pct = (n: number | null) => (n === null ? '-' : `${(100 * n).toFixed(1)} %`);

export function registerSummary(program: Command): void {
	addMetricOptions(
		program
			.command('summary')
			.description(
				'totals over the customer summary: customers, orders, net revenue, AOV, repeat rate, recency'
			)
			.option('--json', 'print JSON')
	).action(async (opts: Record<string, string | undefined> & { json?: boolean }, cmd: Command) => {
		const query = metricQueryFrom(opts);
		await withDb(cmd, async (db) => {
			const t = await customerSummaryTotals(db, query, rfmConfigFromOptions(query));
			if (opts.json) return printJson(t);
			// money in the database's currency, with its own decimals: £426.12, ₫1,234,567
			const f = formatters('en', (await currencySetting(db)).code);
			const money = (n: number | null) => (n === null ? '-' : f.currency(n));
			process.stdout.write(
				[
					`as of                     ${t.as_of}`,
					`customers                 ${t.customers.toLocaleString('en')}`,
					`  with a purchase         ${t.customers_with_purchase.toLocaleString('en')}`,
					`  repeat (>= 2 orders)    ${t.repeat_customers.toLocaleString('en')} (${pct(t.repeat_purchase_rate)})`,
					`orders                    ${t.orders.toLocaleString('en')}`,
					`net revenue               ${money(t.net_revenue)} (purchases ${money(t.purchase_amount)}, refunds ${money(t.refund_amount)})`,
					`average order value       ${money(t.avg_order_value)}`,
					`orders per customer       ${num(t.orders_per_customer, 2)}`,
					`revenue per customer      ${money(t.revenue_per_customer)}`,
					`recency (mean / median)   ${num(t.mean_recency_days)} / ${num(t.median_recency_days)} days`,
					`days between orders       ${num(t.mean_days_between_orders)} (mean)`
				].join('\n') + '\n'
			);
		});
	});
}
