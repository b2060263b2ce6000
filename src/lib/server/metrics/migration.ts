import { z } from 'zod';
import { calendarDate } from '../dates';
import type { Database } from '../db';
import { loadQuery } from '../db';
import { summaryContext } from './summary';
import { LIMITS, type Rule } from '../lists/rule';
import { saveList, type SavedList } from '../lists/saved';

/**
 * Segment migration: the customer summary at two as-of dates, each computed by the metrics layer
 * (summaryContext + queries/customer_summary_compute.sql, or the materialised table when it matches), joined per
 * customer. No RFM logic lives here.
 */
export const MIGRATION_DIMENSIONS = ['rfm_segment', 'lifecycle_stage'] as const;

export const migrationParamsSchema = z
	.object({
		from: calendarDate,
		to: calendarDate,
		dimension: z.enum(MIGRATION_DIMENSIONS).default('rfm_segment')
	})
	.refine((p) => p.from < p.to, { message: "'from' must be an earlier date than 'to'", path: ['from'] });
export type MigrationParams = z.input<typeof migrationParamsSchema>;

export interface MigrationFlow {
	source: string;
	target: string;
	customers: number;
	revenue_between: number;
	revenue_to: number;
}

/** The summary SQL at one as-of date with its parameter names prefixed, so that two can sit in one statement. */
async function summaryAt(
	db: Database,
	asOf: string,
	prefix: string
): Promise<{ sql: string; params: Record<string, unknown> }> {
	const ctx = await summaryContext(db, { as_of: asOf });
	const params: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(ctx.params)) params[`${prefix}${k}`] = v;
	if (!ctx.onTheFly) return { sql: 'SELECT * FROM customer_summary', params: {} };
	const sql = loadQuery('customer_summary_compute')
		.replace(/;\s*$/, '')
		.replace(/\$([a-z_][a-z0-9_]*)/g, (_m, name: string) => `$${prefix}${name}`);
	return { sql, params };
}

async function withSummaries<T>(
	db: Database,
	p: z.output<typeof migrationParamsSchema>,
	query: string,
	params: Record<string, unknown>
): Promise<T[]> {
	const [a, b] = await Promise.all([summaryAt(db, p.from, 'mig_from_'), summaryAt(db, p.to, 'mig_to_')]);
	const sql =
		`WITH summary_from AS MATERIALIZED (\n${a.sql}\n),\nsummary_to AS MATERIALIZED (\n${b.sql}\n)\n` +
		`SELECT * FROM (\n${loadQuery(query).replace(/;\s*$/, '')}\n)`;
	return db.sql<T>(sql, { ...a.params, ...b.params, ...params, dimension: p.dimension });
}

/** Every flow source -> target with its customers and revenue (the transition matrix and the Sankey). */
export async function segmentMigration(db: Database, input: MigrationParams): Promise<MigrationFlow[]> {
	const p = migrationParamsSchema.parse(input);
	return withSummaries<MigrationFlow>(db, p, 'segment_migration', {});
}

export const flowSchema = z.object({
	source: z.string().min(1).max(200),
	target: z.string().min(1).max(200)
});

export interface FlowMember {
	customer_id: string;
	net_revenue_from: number | null;
	net_revenue_to: number | null;
	recency_days_to: number | null;
}

/** The customers of one flow, most valuable first (`limit` null = all). */
export async function migrationFlowMembers(
	db: Database,
	input: MigrationParams & { source: string; target: string },
	limit: number | null = 100
): Promise<FlowMember[]> {
	const p = migrationParamsSchema.parse(input);
	const f = flowSchema.parse(input);
	return withSummaries<FlowMember>(db, p, 'segment_migration_members', { ...f, limit });
}

/**
 * Saves the customers of one flow as a list: a fixed list of customer ids (the flow is a fact about two past
 * dates, so the list does not change when the data does).
 */
export async function saveMigrationFlow(
	db: Database,
	input: MigrationParams & { source: string; target: string; name: string; description?: string }
): Promise<{ list: SavedList; customers: number }> {
	const members = await migrationFlowMembers(db, input, null);
	if (members.length === 0) throw new Error('this flow has no customers; nothing to save');
	if (members.length > LIMITS.listItems) {
		throw new Error(
			`this flow has ${members.length} customers; a saved list of ids holds at most ${LIMITS.listItems}. ` +
				'Build the list from a rule instead (e.g. the current segment plus recency)'
		);
	}
	const ids = members.map((m) => m.customer_id).sort();
	const rule: Rule = { field: 'customer_id', op: 'in', value: ids };
	const description =
		input.description ??
		`${input.dimension ?? 'rfm_segment'}: ${input.source} on ${input.from} -> ${input.target} on ${input.to}`;
	const list = await saveList(db, { name: input.name, description, rule });
	return { list, customers: ids.length };
}
