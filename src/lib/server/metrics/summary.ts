import { addDays } from '../dates';
import { z } from 'zod';
import type { Database, Params, Session } from '../db';
import { getSetting, loadQuery } from '../db';
import { entryState } from '../derived/registry';
import { filterParams, filtersSchema, type Filters } from './filters';
import { dotted, issueText } from '../issues';

/**
 * The customer summary every per-customer metric starts from. The refresh step materialises it (table
 * customer_summary) for the default as-of date; a question about another as-of date, a date range, a channel or
 * another RFM scoring is answered by the same SQL (queries/customer_summary_compute.sql) run on the fly from
 * customer_day, so a metric is defined once whichever path answers it.
 */

/** Four ascending cut points per dimension (fixed-threshold scoring). */
const cuts = z
	.tuple([z.number(), z.number(), z.number(), z.number()])
	.refine((c) => c[0] <= c[1] && c[1] <= c[2] && c[2] <= c[3], 'cut points must be in ascending order');

export const rfmConfigSchema = z.discriminatedUnion('method', [
	z.object({ method: z.literal('quintile') }),
	z.object({ method: z.literal('fixed'), r: cuts, f: cuts, m: cuts })
]);
/**
 * How R, F and M become scores 1..5. 'quintile': by the share of purchasing customers with a strictly worse value.
 * 'fixed': R = 5 minus the number of r cuts the recency (days) exceeds; F = 1 plus the number of f cuts the order
 * count reaches; M = 1 plus the number of m cuts the net revenue reaches.
 */
export type RfmConfig = z.infer<typeof rfmConfigSchema>;
export const QUINTILES: RfmConfig = { method: 'quintile' };

/** Reads the settings 'rfm_method' and 'rfm_cuts' (JSON {"r":[...4],"f":[...],"m":[...]}). */
export function parseRfmConfig(method: string | undefined, cutsJson: string | undefined): RfmConfig {
	if (method === undefined || method === 'quintile') return QUINTILES;
	let parsedCuts: unknown;
	try {
		parsedCuts = cutsJson === undefined ? undefined : JSON.parse(cutsJson);
	} catch {
		throw new Error(`setting 'rfm_cuts' is not JSON: expected {"r":[30,90,180,365],"f":[2,3,5,8],"m":[...]}`);
	}
	const parsed = rfmConfigSchema.safeParse({ method, ...(parsedCuts as object) });
	if (!parsed.success) {
		throw new Error(
			`settings 'rfm_method'/'rfm_cuts' are invalid (${issueText(parsed.error, dotted(''))}); ` +
				`use rfm_method 'quintile', or 'fixed' with rfm_cuts {"r":[4 days],"f":[4 order counts],"m":[4 amounts]}`
		);
	}
	return parsed.data;
}

/** The as-of date everything defaults to: the day after the last interaction (today when there is none). */
export async function latestAsOf(db: Database | Session): Promise<string> {
	const rows = await db.sql<{ as_of: string }>(
		"SELECT strftime(coalesce(max(occurred_at)::DATE + 1, current_date), '%Y-%m-%d') AS as_of FROM interactions"
	);
	return rows[0]!.as_of;
}

/** The churn window in days: setting 'inactivity_days' (default 90). */
export async function inactivityDays(db: Database): Promise<number> {
	const raw = await getSetting(db, 'inactivity_days');
	const n = raw === undefined ? 90 : Number(raw);
	if (!Number.isInteger(n) || n < 1) {
		throw new Error(`setting 'inactivity_days' must be a whole number of days >= 1, found '${raw}'`);
	}
	return n;
}

/** The scoring of the materialised summary: settings 'rfm_method' / 'rfm_cuts' (default quintiles). */
export async function defaultRfmConfig(db: Database): Promise<RfmConfig> {
	return parseRfmConfig(await getSetting(db, 'rfm_method'), await getSetting(db, 'rfm_cuts'));
}

/**
 * What the materialised customer_summary was computed for (registry entry 'metrics'), and whether it answers for
 * the data as it is now (false before the first refresh and after an ingest until the next one).
 */
export interface MetricsState {
	current: boolean;
	as_of: string | null;
	rfm_config: RfmConfig | null;
	inactivity_days: number | null;
}

export async function metricsState(db: Database): Promise<MetricsState> {
	const e = await entryState(db, 'metrics');
	const p = e.params as { as_of?: string; rfm_config?: RfmConfig; inactivity_days?: number };
	return {
		current: e.usable,
		as_of: p.as_of ?? null,
		rfm_config: p.rfm_config ?? null,
		inactivity_days: p.inactivity_days ?? null
	};
}

/** The parameters of customer_summary_compute.sql plus the filters (every name present; NULL = not filtered). */
export function computeParams(
	asOf: string,
	filters: Filters,
	rfm: RfmConfig,
	inactivity: number
): Record<string, string | number | null> {
	const out: Record<string, string | number | null> = {
		...filterParams(filters),
		as_of: asOf,
		inactivity_days: inactivity,
		rfm_method: rfm.method
	};
	for (const dim of ['r', 'f', 'm'] as const) {
		for (let i = 0; i < 4; i++) out[`${dim}_cut${i + 1}`] = rfm.method === 'fixed' ? rfm[dim][i]! : null;
	}
	return out;
}

export interface SummaryContext {
	/** The as-of date the answer is for. */
	asOf: string;
	/** true when the answer is computed from customer_day rather than read from the materialised table. */
	onTheFly: boolean;
	params: Record<string, string | number | null>;
}

/**
 * Decides how a question about customers is answered. The effective as-of date is `as_of` if given, else the day
 * after `to` if given, else the materialised one. The materialised table answers when nothing that changes the
 * inputs (as-of, from, to, channel, scoring, churn window) differs from what it was computed for.
 */
export async function summaryContext(
	db: Database,
	filters: Filters,
	rfm?: RfmConfig
): Promise<SummaryContext> {
	const state = await metricsState(db);
	const inactivity = await inactivityDays(db);
	const scoring = rfm ?? (state.current && state.rfm_config ? state.rfm_config : await defaultRfmConfig(db));
	const materialisedAsOf = state.current && state.as_of ? state.as_of : await latestAsOf(db);
	const asOf = filters.as_of ?? (filters.to ? addDays(filters.to, 1) : materialisedAsOf);
	const onTheFly =
		!state.current ||
		asOf !== state.as_of ||
		filters.from !== undefined ||
		filters.to !== undefined ||
		filters.channel !== undefined ||
		JSON.stringify(scoring) !== JSON.stringify(state.rfm_config) ||
		inactivity !== state.inactivity_days;
	return { asOf, onTheFly, params: computeParams(asOf, filters, scoring, inactivity) };
}

/** A query's text with a trailing semicolon removed, so that it can sit inside a subquery. */
function bare(sql: string): string {
	return sql.replace(/;\s*$/, '');
}

/**
 * A relation derived from customer_summary by one statement (queries/<query>.sql) that a refresh step also stores as
 * table <table>. A metric reading it reads the stored table only when it answers from the materialised summary and
 * `current` says the table was built from the inputs as they are now; otherwise the same statement runs as a CTE of
 * the same name, so the values are those of the definition either way.
 */
export interface Precomputed {
	table: string;
	query: string;
	current: (db: Database) => Promise<boolean>;
}

/**
 * Runs queries/<name>.sql, which reads the relation `customer_summary`, against the materialised table or, when the
 * context says so, against the same summary computed on the fly (a CTE of that name shadows the table). With
 * `precomputed`, the relation it names is the stored table or its statement as a CTE (see Precomputed). All SQL
 * texts are ours; user values travel only as bound parameters.
 */
export async function queryOnSummary<T>(
	db: Database,
	name: string,
	filters: Filters,
	options: { rfm?: RfmConfig; params?: Params & Record<string, unknown>; precomputed?: Precomputed } = {}
): Promise<{ rows: T[]; context: SummaryContext }> {
	const context = await summaryContext(db, filters, options.rfm);
	let metric = bare(loadQuery(name));
	const pre = options.precomputed;
	if (pre && (context.onTheFly || !(await pre.current(db)))) {
		metric = `WITH ${pre.table} AS (\n${bare(loadQuery(pre.query))}\n)\nSELECT * FROM (\n${metric}\n)`;
	}
	const sql = context.onTheFly
		? `WITH customer_summary AS MATERIALIZED (\n${bare(loadQuery('customer_summary_compute'))}\n)\nSELECT * FROM (\n${metric}\n)`
		: metric;
	const rows = await db.sql<T>(sql, { ...context.params, ...options.params });
	return { rows, context };
}

export interface SummaryTotals {
	as_of: string;
	customers: number;
	customers_with_purchase: number;
	repeat_customers: number;
	repeat_purchase_rate: number | null;
	orders: number;
	purchase_days: number;
	purchase_amount: number;
	refund_amount: number;
	net_revenue: number;
	avg_order_value: number | null;
	orders_per_customer: number | null;
	revenue_per_customer: number | null;
	mean_recency_days: number | null;
	median_recency_days: number | null;
	mean_days_between_orders: number | null;
}

/** Totals over the (filtered) customer summary: the `crm summary` and /api/summary figures. */
export async function customerSummaryTotals(
	db: Database,
	filters: Filters = {},
	rfm?: RfmConfig
): Promise<SummaryTotals> {
	const { rows, context } = await queryOnSummary<Omit<SummaryTotals, 'as_of'>>(
		db,
		'customer_summary_totals',
		filters,
		{ rfm }
	);
	return { as_of: context.asOf, ...rows[0]! };
}

const cutList = z
	.string()
	.regex(
		/^\s*-?\d+(\.\d+)?(\s*,\s*-?\d+(\.\d+)?){3}\s*$/,
		'expected four numbers separated by commas, e.g. 30,90,180,365'
	)
	.transform((s) => s.split(',').map(Number));

/** The RFM scoring options of a request or command: method=quintile|fixed, r_cuts, f_cuts, m_cuts as 'a,b,c,d'. */
export const rfmOptionsSchema = z.object({
	method: z.enum(['quintile', 'fixed']).optional(),
	r_cuts: cutList.optional(),
	f_cuts: cutList.optional(),
	m_cuts: cutList.optional()
});
export type RfmOptions = z.infer<typeof rfmOptionsSchema>;

const FIXED_HELP =
	"method 'fixed' needs r_cuts, f_cuts and m_cuts, four ascending numbers each, e.g. r_cuts=30,90,180,365 " +
	'f_cuts=2,3,5,8 m_cuts=500000,1000000,3000000,10000000';

/** undefined (use the configured scoring) unless a method is given; throws when 'fixed' lacks valid cuts. */
export function rfmConfigFromOptions(o: RfmOptions): RfmConfig | undefined {
	if (o.method === undefined) return undefined;
	if (o.method === 'quintile') return QUINTILES;
	const parsed = rfmConfigSchema.safeParse({ method: 'fixed', r: o.r_cuts, f: o.f_cuts, m: o.m_cuts });
	if (!parsed.success) {
		throw new Error(`${FIXED_HELP} (${issueText(parsed.error, dotted(''))})`);
	}
	return parsed.data;
}

/** Filters plus scoring options, checked together: a bad combination fails validation (a 400 in the API). */
export const metricQuerySchema = filtersSchema.extend(rfmOptionsSchema.shape).superRefine((q, ctx) => {
	// from, to and as_of are calendar dates already (filtersSchema)
	if (q.from && q.to && q.from > q.to)
		ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is after to' });
	try {
		rfmConfigFromOptions(q);
	} catch (e) {
		ctx.addIssue({ code: 'custom', path: ['method'], message: (e as Error).message });
	}
});
export type MetricQuery = z.infer<typeof metricQuerySchema>;
