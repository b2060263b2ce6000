import type { Session } from '../db';
import { filterParams, GRAINS, type Filters, type Grain } from './filters';
import { periodQueryText, type PeriodContext } from './periods-refresh';

/**
 * Small rollups of the period tables (migration 007): per grain and period, the additive measures a period metric
 * sums, once with no customer filter (dim 'all') and once per value of each single customer filter. A request with at
 * most one customer filter reads a few hundred rows; any other request (several filters, a breakdown with a filter,
 * another as-of date, a grain not rolled up) fills a temporary table of the same name from the same build statement
 * with its filters, so each metric has one definition (the build statement) and one reader.
 */
export const ROLLUPS = {
	kpi_rollup: { query: 'kpis_rollup_build', grains: GRAINS, channelDim: true },
	// Day cohorts would be a grid of ~1,000 x 1,000 cells per filter value: built on demand instead.
	cohort_rollup: {
		query: 'cohort_rollup_build',
		grains: ['week', 'month', 'quarter', 'year'] as readonly Grain[],
		channelDim: true
	},
	// channel is a column of this rollup (the per-channel rows), not one of its filter dimensions.
	channel_rollup: { query: 'channel_rollup_build', grains: GRAINS, channelDim: false }
} as const;
export type RollupTable = keyof typeof ROLLUPS;

/** Customer filters that have rollup rows: filter key (filterParams) = dim name in the rollups. */
const FILTER_DIMS = ['region', 'acquisition_channel', 'segment', 'lifecycle', 'channel'] as const;

/** Which breakdown a cohort request asks for ('none' or the key) and the whitelisted column behind it. */
export interface Breakdown {
	by: string;
	column: string;
}
const NO_BREAKDOWN: Breakdown = { by: 'none', column: 'NULL' };

/** The rollup parameters a reader binds: which rows of the rollup answer the request. */
export interface RollupParams {
	dim: string;
	dim_value: string | null;
	breakdown_by: string;
}

/** The one customer filter of a request as rollup rows, or undefined when it has several. */
export function rollupDim(
	filters: Filters,
	channelDim: boolean
): { dim: string; dim_value: string | null } | undefined {
	const params = filterParams(filters);
	const set = FILTER_DIMS.filter((d) => (d !== 'channel' || channelDim) && params[d] !== null);
	if (set.length === 0) return { dim: 'all', dim_value: null };
	if (set.length > 1) return undefined;
	const dim = set[0] as (typeof FILTER_DIMS)[number];
	return { dim, dim_value: params[dim] ?? null };
}

/** The build statement of a rollup, with its channel filter and breakdown column set (both fixed SQL). */
function buildText(table: RollupTable, filters: Filters, breakdown: Breakdown): string {
	return periodQueryText(ROLLUPS[table].query, filters).replaceAll('{{breakdown}}', breakdown.column);
}

/** Fills one stored rollup, grain by grain (a fifth of the peak memory of one statement). */
export async function buildRollup(s: Session, table: RollupTable): Promise<void> {
	const sql = buildText(table, {}, NO_BREAKDOWN);
	for (const [i, grain] of ROLLUPS[table].grains.entries()) {
		const head = i === 0 ? `CREATE OR REPLACE TABLE ${table} AS` : `INSERT INTO ${table}`;
		await s.exec(`${head} ${sql}`, {
			...filterParams({}),
			grain,
			all_dims: true,
			breakdown_by: NO_BREAKDOWN.by
		});
	}
}

/**
 * Runs fn with `table` answering this request: the stored rollup when it can (ctx.rollups: built for this as-of date;
 * the grain is rolled up; at most one customer filter and, for cohorts, not with a breakdown), else a temporary
 * rollup of the same name built from the same statement with the request's filters.
 */
export async function withRollup<T>(
	s: Session,
	ctx: PeriodContext,
	table: RollupTable,
	grain: Grain,
	filters: Filters,
	fn: (p: RollupParams) => Promise<T>,
	breakdown: Breakdown = NO_BREAKDOWN
): Promise<T> {
	const spec = ROLLUPS[table];
	const one = rollupDim(filters, spec.channelDim);
	const stored =
		ctx.rollups === true &&
		spec.grains.includes(grain) &&
		one !== undefined &&
		(breakdown.by === 'none' || one.dim === 'all');
	if (stored) return fn({ ...one, breakdown_by: breakdown.by });
	await s.exec(`CREATE OR REPLACE TEMP TABLE ${table} AS ${buildText(table, filters, breakdown)}`, {
		...filterParams(filters),
		grain,
		all_dims: false,
		breakdown_by: breakdown.by
	});
	try {
		return await fn({ dim: 'all', dim_value: null, breakdown_by: breakdown.by });
	} finally {
		await s.exec(`DROP TABLE IF EXISTS temp.${table}`).catch(() => undefined);
	}
}
