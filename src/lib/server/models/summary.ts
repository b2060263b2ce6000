import type { Session } from '../db';
import { loadQuery } from '../db';
import type { CustomerHistories, SpendHistories } from './data';
import { doubleVector } from './vectors';

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
const columnsOf = new WeakMap<Session, Promise<SummaryColumns>>();

/**
 * Materialises the model summary at `asOf` (YYYY-MM-DD, that day included) in SUMMARY_TABLE on this session's
 * connection, so that fitting, predicting and eligibility all read one computation.
 */
export async function materialiseSummary(s: Session, asOf: string, unit: TimeUnit): Promise<void> {
	columnsOf.delete(s);
	await s.exec(`CREATE OR REPLACE TEMP TABLE model_summary_now AS ${loadQuery('model_summary')}`, {
		as_of: asOf,
		unit_days: UNIT_DAYS[unit]
	});
}

/**
 * (x, t_x, T, m) of every customer in SUMMARY_TABLE, sorted (so that sums, and so fits, are repeatable to the last
 * bit), read once per materialisation.
 */
function summaryColumns(s: Session): Promise<SummaryColumns> {
	let columns = columnsOf.get(s);
	if (!columns) {
		columns = doubleColumns(
			s,
			`SELECT x::DOUBLE, t_x::DOUBLE, "T"::DOUBLE, coalesce(m, 0)::DOUBLE FROM ${SUMMARY_TABLE} ORDER BY ALL`
		).then(([x, tx, T, m]) => ({ x: x!, tx: tx!, T: T!, m: m! }));
		columnsOf.set(s, columns);
	}
	return columns;
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

/** Purchase histories grouped by identical (x, t_x, T), with the count as weight; sorted, so fits are repeatable. */
export async function readHistories(s: Session): Promise<CustomerHistories> {
	const c = await summaryColumns(s);
	// Rows are sorted by (x, t_x, T, m): identical histories are adjacent, so grouping is one pass.
	const n = c.x.length;
	const out = {
		x: new Float64Array(n),
		tx: new Float64Array(n),
		T: new Float64Array(n),
		weight: new Float64Array(n)
	};
	let k = -1;
	for (let i = 0; i < n; i++) {
		if (k >= 0 && c.x[i] === out.x[k] && c.tx[i] === out.tx[k] && c.T[i] === out.T[k]) {
			out.weight[k]!++;
			continue;
		}
		k++;
		out.x[k] = c.x[i]!;
		out.tx[k] = c.tx[i]!;
		out.T[k] = c.T[i]!;
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

/** Repeat customers' spend (x > 0, m > 0), one row each (weight 1), in the summary's sorted order. */
export async function readSpend(s: Session): Promise<SpendHistories> {
	const c = await summaryColumns(s);
	let n = 0;
	for (let i = 0; i < c.x.length; i++) if (c.x[i]! > 0 && c.m[i]! > 0) n++;
	const out = { x: new Float64Array(n), m: new Float64Array(n), weight: new Float64Array(n).fill(1) };
	for (let i = 0, j = 0; i < c.x.length; i++) {
		if (!(c.x[i]! > 0 && c.m[i]! > 0)) continue;
		out.x[j] = c.x[i]!;
		out.m[j] = c.m[i]!;
		j++;
	}
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
			count(*) FILTER (WHERE x > 0 AND m > 0)::DOUBLE AS repeat_with_spend,
			($as_of::DATE - min(first_purchase))::DOUBLE AS history_days,
			corr(x, m) FILTER (WHERE x > 0) AS corr
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
