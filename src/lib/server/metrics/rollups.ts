import type { Session } from '../db';
import { loadQuery } from '../db';
import { filterParams, GRAINS, type Filters, type Grain } from './filters';
import { periodQueryText, type PeriodContext } from './periods-refresh';

/**
 * Small rollups of the period tables (migration 007): per grain and period, the additive measures a period metric
 * sums, once with no customer filter (dim 'all') and once per value of each single customer filter. A request with at
 * most one customer filter reads a few hundred rows; any other request (several filters, a breakdown with a filter,
 * another as-of date, a grain not rolled up) runs the same build statement with its filters as a CTE of the same name
 * in front of the reader, so each metric has one definition (the build statement) and one reader.
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
const FILTER_DIMS = ['region', 'country', 'acquisition_channel', 'segment', 'lifecycle', 'channel'] as const;

/** Which breakdown a cohort request asks for ('none' or the key) and the whitelisted column behind it. */
export interface Breakdown {
	by: string;
	column: string;
}
const NO_BREAKDOWN: Breakdown = { by: 'none', column: 'NULL' };

/**
 * The rollup parameters a reader binds: which rows of the rollup answer the request (and all_dims, a parameter of the
 * build statement when it runs as a CTE).
 */
export interface RollupParams {
	dim: string;
	dim_value: string | null;
	breakdown_by: string;
	all_dims: boolean;
}

/** The text of the reader queries/<name>.sql for a request: as is, or behind the rollup's build statement as a CTE. */
export type ReaderText = (name: string) => string;

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
export async function buildRollup(s: Session, table: RollupTable, asOf: string): Promise<void> {
	const sql = buildText(table, {}, NO_BREAKDOWN);
	for (const [i, grain] of ROLLUPS[table].grains.entries()) {
		const head = i === 0 ? `CREATE OR REPLACE TABLE ${table} AS` : `INSERT INTO ${table}`;
		await s.exec(`${head} ${sql}`, {
			...filterParams({}),
			as_of: asOf,
			grain,
			all_dims: true,
			breakdown_by: NO_BREAKDOWN.by
		});
	}
}

/** The breakdowns of the stored cohort grid: none and each of cohorts.ts's COHORT_BREAKDOWNS. */
export const COHORT_GRID_BREAKDOWNS = [
	'none',
	'acquisition_channel',
	'region',
	'country',
	'first_order_channel'
] as const;

/**
 * Table cohort_grid: the rows of queries/cohort_retention.sql (the one definition of the grid) over the stored
 * cohort_rollup, without a customer filter or from/to, for every rolled-up grain and breakdown at as-of `asOf`. A
 * grid of tens of thousands of cells with a breakdown is then read, not recomputed, per request
 * (queries/cohort_grid_read.sql). Built in the caller's transaction, right after cohort_rollup.
 */
export async function buildCohortGrid(s: Session, asOf: string): Promise<void> {
	const reader = loadQuery('cohort_retention').replace(/;\s*$/, '');
	let first = true;
	for (const grain of ROLLUPS.cohort_rollup.grains) {
		for (const by of COHORT_GRID_BREAKDOWNS) {
			const head = first ? 'CREATE OR REPLACE TABLE cohort_grid AS' : 'INSERT INTO cohort_grid';
			first = false;
			await s.exec(
				`${head} SELECT $grain::VARCHAR AS grain, $breakdown_by::VARCHAR AS breakdown_by, * FROM (\n${reader}\n)`,
				{ ...filterParams({}), dim: 'all', dim_value: null, breakdown_by: by, as_of: asOf, grain }
			);
		}
	}
}

/**
 * Runs fn with `table` answering this request: the stored rollup when it can (ctx.rollups: built for this as-of date;
 * the grain is rolled up; at most one customer filter and, for cohorts, not with a breakdown), else the same build
 * statement with the request's filters as a CTE of the same name in front of the reader (fn gets the reader's text
 * from `text`; bind `...params`, which carry the build's parameters too). A CTE rather than a temporary table: no
 * catalog change and no second statement per request.
 */
export async function withRollup<T>(
	s: Session,
	ctx: PeriodContext,
	table: RollupTable,
	grain: Grain,
	filters: Filters,
	fn: (params: RollupParams, text: ReaderText) => Promise<T>,
	breakdown: Breakdown = NO_BREAKDOWN
): Promise<T> {
	const spec = ROLLUPS[table];
	const one = rollupDim(filters, spec.channelDim);
	const stored =
		ctx.rollups === true &&
		spec.grains.includes(grain) &&
		one !== undefined &&
		(breakdown.by === 'none' || one.dim === 'all');
	if (stored) return fn({ ...one, breakdown_by: breakdown.by, all_dims: false }, loadQuery);
	const build = buildText(table, filters, breakdown).replace(/;\s*$/, '');
	return fn({ dim: 'all', dim_value: null, breakdown_by: breakdown.by, all_dims: false }, (name) => {
		const reader = loadQuery(name).replace(/;\s*$/, '');
		return `WITH ${table} AS MATERIALIZED (\n${build}\n)\nSELECT * FROM (\n${reader}\n)`;
	});
}
