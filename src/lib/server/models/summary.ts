import type { Session } from '../db';
import { loadQuery } from '../db';
import type { CustomerHistories, SpendHistories } from './data';
import { doubleVector } from '../db/vectors';

export type TimeUnit = 'day' | 'week';
export const UNIT_DAYS: Record<TimeUnit, number> = { day: 1, week: 7 };

/** The temp table (per connection) that holds queries/model_summary.sql's result while models are fitted. */
export const SUMMARY_TABLE = 'temp.model_summary_now';

/** Columns of SUMMARY_TABLE read once per materialisation and shared by every fit on the same session. */
interface SummaryColumns {
	x: Float64Array;
	tx: Float64Array;
	T: Float64Array;
	m: Float64Array;
}
const summaryOf = new WeakMap<Session, { unitDays: number; columns?: Promise<SummaryColumns> }>();

/**
 * Materialises the model summary at `asOf` (YYYY-MM-DD, that day included) in SUMMARY_TABLE on this session's
 * connection, so that fitting, predicting and eligibility all read one computation. When no purchase or refund
 * lies after `asOf` (the refresh after every ingest), it is a projection of customer_summary
 * (queries/model_summary_current.sql); at an earlier calibration end, an aggregation of customer_day
 * (queries/model_summary.sql). Both give the same rows where both apply. Then refunds are netted out of the mean
 * repeat spend m (queries/model_summary_net_spend.sql).
 */
export async function materialiseSummary(s: Session, asOf: string, unit: TimeUnit): Promise<void> {
	summaryOf.delete(s);
	const params = { as_of: asOf, unit_days: UNIT_DAYS[unit] };
	const query = (await coversAllPurchases(s, asOf)) ? 'model_summary_current' : 'model_summary';
	await s.exec(`CREATE OR REPLACE TEMP TABLE model_summary_now AS ${loadQuery(query)}`, params);
	// Gamma-Gamma's input is spend net of refunds: one statement, after either query, for both.
	await s.exec(loadQuery('model_summary_net_spend'), { as_of: asOf });
	summaryOf.set(s, { unitDays: UNIT_DAYS[unit] });
}

/**
 * Whether customer_summary (built from all of customer_day by the metrics refresh) holds the model summary at
 * `asOf`: no purchase or refund after that day, and the summary carries the first purchase day's amount (it does
 * once a metrics refresh has run on schema version 9 or later).
 */
async function coversAllPurchases(s: Session, asOf: string): Promise<boolean> {
	const rows = await s.sql<{ ok: boolean | null }>(
		`SELECT (SELECT coalesce(max(day) <= $as_of::DATE, true) FROM customer_day WHERE purchases > 0 OR refunds > 0)
			AND NOT EXISTS (
				SELECT 1 FROM customer_summary WHERE purchase_days > 0 AND first_purchase_day_amount IS NULL
			) AS ok`,
		{ as_of: asOf }
	);
	return rows[0]?.ok === true;
}

/**
 * (x, t_x, T, m) of every customer in SUMMARY_TABLE, in no particular order, read once per materialisation. m is the
 * net spend, and 0 for a customer whose purchases net of refunds are <= 0 (so Gamma-Gamma leaves them out).
 */
function summaryColumns(s: Session): { unitDays: number; columns: Promise<SummaryColumns> } {
	const state = summaryOf.get(s);
	if (!state) throw new Error('no model summary on this session: call materialiseSummary first');
	state.columns ??= doubleColumns(
		s,
		`SELECT x::DOUBLE, t_x::DOUBLE, "T"::DOUBLE,
			CASE WHEN net_revenue > 0 THEN coalesce(m, 0) ELSE 0 END::DOUBLE FROM ${SUMMARY_TABLE}`
	).then(([x, tx, T, m]) => ({ x: x!, tx: tx!, T: T!, m: m! }));
	return { unitDays: state.unitDays, columns: state.columns };
}

/**
 * Runs a query whose columns are all non-NULL DOUBLE and returns them as Float64Arrays, copying DuckDB's vectors
 * chunk by chunk (converting a million rows value by value costs more than the query itself).
 */
async function doubleColumns(s: Session, sql: string): Promise<Float64Array[]> {
	const result = await s.connection.run(sql);
	const chunks = await result.fetchAllChunks();
	const rows = chunks.reduce((n, c) => n + c.rowCount, 0);
	const columns = Array.from({ length: result.columnCount }, () => new Float64Array(rows));
	let offset = 0;
	for (const chunk of chunks) {
		columns.forEach((col, j) => col.set(doubleVector(chunk, j), offset));
		offset += chunk.rowCount;
	}
	return columns;
}

// A history (x, t_x, T) packed into one exact integer key: x · 2³⁴ + t_x days · 2¹⁷ + T days.
const DAY_SLOTS = 2 ** 17;
const MAX_X = 2 ** 19;

/**
 * Purchase histories grouped by identical (x, t_x, T), with the count as weight, in ascending (x, t_x, T) order
 * whatever order DuckDB returned the rows in, so that every sum, and so every fit, is repeatable to the last bit.
 * Sorting packed integer keys natively is several times cheaper than an ORDER BY over the million rows.
 */
export async function readHistories(s: Session): Promise<CustomerHistories> {
	const { unitDays, columns } = summaryColumns(s);
	const c = await columns;
	const n = c.x.length;
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const txDays = Math.round(c.tx[i]! * unitDays);
		const tDays = Math.round(c.T[i]! * unitDays);
		if (!(tDays < DAY_SLOTS && c.x[i]! < MAX_X)) {
			throw new Error(`a purchase history too long to fit (x = ${c.x[i]}, T = ${tDays} days)`);
		}
		keys[i] = (c.x[i]! * DAY_SLOTS + txDays) * DAY_SLOTS + tDays;
	}
	keys.sort();
	const out = {
		x: new Float64Array(n),
		tx: new Float64Array(n),
		T: new Float64Array(n),
		weight: new Float64Array(n)
	};
	let k = -1;
	for (let i = 0; i < n; i++) {
		if (k >= 0 && keys[i] === keys[i - 1]) {
			out.weight[k]!++;
			continue;
		}
		k++;
		const key = keys[i]!;
		const tDays = key % DAY_SLOTS;
		const rest = (key - tDays) / DAY_SLOTS;
		const txDays = rest % DAY_SLOTS;
		out.x[k] = (rest - txDays) / DAY_SLOTS;
		// The same division queries/model_summary.sql does, so the values are bit for bit the ones it stored.
		out.tx[k] = txDays / unitDays;
		out.T[k] = tDays / unitDays;
		out.weight[k] = 1;
	}
	const used = k + 1;
	return {
		x: out.x.subarray(0, used),
		tx: out.tx.subarray(0, used),
		T: out.T.subarray(0, used),
		weight: out.weight.subarray(0, used)
	};
}

/**
 * Repeat customers' spend (x > 0, m > 0), one row each (weight 1), in ascending (x, m) order whatever order DuckDB
 * returned the rows in (repeatable sums): bucketed by x, then each bucket's spends sorted natively.
 */
export async function readSpend(s: Session): Promise<SpendHistories> {
	const c = await summaryColumns(s).columns;
	const rows = c.x.length;
	let maxX = 0;
	for (let i = 0; i < rows; i++) if (c.m[i]! > 0 && c.x[i]! > maxX) maxX = c.x[i]!;
	const start = new Int32Array(maxX + 2);
	for (let i = 0; i < rows; i++) if (c.x[i]! > 0 && c.m[i]! > 0) start[(c.x[i]! | 0) + 1]!++;
	for (let x = 1; x <= maxX + 1; x++) start[x]! += start[x - 1]!;
	const n = start[maxX + 1]!;
	const out = { x: new Float64Array(n), m: new Float64Array(n), weight: new Float64Array(n).fill(1) };
	const next = start.slice(0, maxX + 1);
	for (let i = 0; i < rows; i++) {
		const x = c.x[i]!;
		const m = c.m[i]!;
		if (!(x > 0 && m > 0)) continue;
		const at = next[x | 0]!++;
		out.x[at] = x;
		out.m[at] = m;
	}
	for (let x = 1; x <= maxX; x++) out.m.subarray(start[x], start[x + 1]).sort();
	return out;
}

/** What the eligibility rules look at. */
export interface SummaryFacts {
	customers: number;
	repeatCustomers: number;
	repeatWithSpend: number;
	/** Days from the first purchase in the data to the calibration end. */
	historyDays: number;
	/** Correlation of x and m among repeat customers (Gamma-Gamma assumes about zero). */
	spendFrequencyCorrelation: number | null;
}

export async function summaryFacts(s: Session, asOf: string): Promise<SummaryFacts> {
	const rows = await s.sql<{
		customers: number;
		repeat_customers: number | null;
		repeat_with_spend: number | null;
		history_days: number | null;
		corr: number | null;
	}>(
		`SELECT count(*)::DOUBLE AS customers,
			count(*) FILTER (WHERE x > 0)::DOUBLE AS repeat_customers,
			count(*) FILTER (WHERE x > 0 AND m > 0 AND net_revenue > 0)::DOUBLE AS repeat_with_spend,
			($as_of::DATE - min(first_purchase))::DOUBLE AS history_days,
			corr(x, m) FILTER (WHERE x > 0 AND net_revenue > 0) AS corr
		 FROM ${SUMMARY_TABLE}`,
		{ as_of: asOf }
	);
	const r = rows[0];
	return {
		customers: r?.customers ?? 0,
		repeatCustomers: r?.repeat_customers ?? 0,
		repeatWithSpend: r?.repeat_with_spend ?? 0,
		historyDays: r?.history_days ?? 0,
		spendFrequencyCorrelation: r?.corr ?? null
	};
}
