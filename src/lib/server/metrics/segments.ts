import { readFileSync } from 'node:fs';
import type { Database } from '../db';
import { loadQuery } from '../db';
import { buildVersion, entryState, markBuilt } from '../derived/registry';
import type { Filters } from './filters';
import { queryOnSummary, type Precomputed, type RfmConfig } from './summary';

/** A named RFM segment as configured in table rfm_segments (seeded from queries/config/rfm_segments.csv). */
export interface RfmSegmentDefinition {
	key: string;
	name_en: string;
	name_vi: string;
	priority: number;
	r_min: number;
	r_max: number;
	f_min: number;
	f_max: number;
	m_min: number;
	m_max: number;
	description: string;
}

/** The configured segments in evaluation order. */
export async function rfmSegmentDefinitions(db: Database): Promise<RfmSegmentDefinition[]> {
	return db.query<RfmSegmentDefinition>('rfm_segment_definitions');
}

/** The segment a score triple falls in: the first by priority whose ranges hold it, else 'others'. */
export function segmentOf(defs: RfmSegmentDefinition[], r: number, f: number, m: number): string {
	const hit = [...defs]
		.sort((a, b) => a.priority - b.priority)
		.find(
			(d) => r >= d.r_min && r <= d.r_max && f >= d.f_min && f <= d.f_max && m >= d.m_min && m <= d.m_max
		);
	return hit?.key ?? 'others';
}

/** A segment's key and names in evaluation order (/api/segment-names: 'others' last), without counting customers. */
export type SegmentName = Pick<SegmentSummary, 'segment' | 'name_en' | 'name_vi' | 'priority'>;

export interface SegmentSummary {
	segment: string;
	name_en: string;
	name_vi: string;
	priority: number;
	customers: number;
	share: number | null;
	net_revenue: number;
	revenue_share: number | null;
	mean_recency_days: number | null;
	mean_orders: number | null;
	mean_net_revenue: number | null;
	r_min: number | null;
	r_max: number | null;
	f_min: number | null;
	f_max: number | null;
	m_min: number | null;
	m_max: number | null;
	/** net revenue / orders of the segment's customers */
	aov: number | null;
	/** mean predicted CLV and P(alive) of the segment's customers, from the model in use (NULL without one) */
	predicted_clv: number | null;
	p_alive: number | null;
	/** customers where the lifecycle rule and the churn band disagree (src/lib/models/churn-story.ts; NULL without predictions) */
	churned_low: number | null;
	recent_high: number | null;
}

/** Whether table segment_customer was built from the customer summary and predictions as they are now. */
export async function segmentCustomerCurrent(db: Database): Promise<boolean> {
	return (await entryState(db, 'segment-summary')).usable;
}

/** The segment summary's per-customer relation (queries/segment_customer.sql) and when its stored table answers. */
export const SEGMENT_CUSTOMER: Precomputed = {
	table: 'segment_customer',
	query: 'segment_customer',
	current: segmentCustomerCurrent
};

/**
 * Registry entry 'segment-summary' (after 'metrics' and 'models'): stores queries/segment_customer.sql as table
 * segment_customer with the version of its inputs, in one transaction, so that the segment summary does not join a
 * million predictions per request.
 */
export async function refreshSegmentCustomers(db: Database): Promise<{ customers: number }> {
	return db.transaction(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'segment-summary');
		await s.exec(
			`CREATE OR REPLACE TABLE segment_customer AS ${loadQuery('segment_customer').replace(/;\s*$/, '')}`
		);
		await markBuilt(s, 'segment-summary', version, {}, performance.now() - t0);
		const rows = await s.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM segment_customer');
		return { customers: rows[0]?.n ?? 0 };
	});
}

/**
 * Customers and revenue per named segment, every segment plus 'others' (queries/rfm_segment_summary.sql), over
 * segment_customer: the stored table when it is current, else its statement on the fly.
 */
export async function segmentSummary(
	db: Database,
	filters: Filters = {},
	rfm?: RfmConfig
): Promise<SegmentSummary[]> {
	return (
		await queryOnSummary<SegmentSummary>(db, 'rfm_segment_summary', filters, {
			rfm,
			precomputed: SEGMENT_CUSTOMER
		})
	).rows;
}

const CSV_COLUMNS = [
	'key',
	'name_en',
	'name_vi',
	'priority',
	'r_min',
	'r_max',
	'f_min',
	'f_max',
	'm_min',
	'm_max',
	'description'
] as const;

/**
 * Replaces the segment configuration with a CSV file of the same columns as queries/config/rfm_segments.csv
 * (read by DuckDB, path bound as a parameter), checking each row; the summary changes on the next refresh.
 */
export async function loadSegmentConfig(db: Database, path: string): Promise<RfmSegmentDefinition[]> {
	readFileSync(path); // a missing file fails here with the OS message naming the path
	const rows = await db.sql<Record<string, unknown>>(
		'SELECT * FROM read_csv($path, header = true, all_varchar = true)',
		{ path }
	);
	const missing = CSV_COLUMNS.filter((c) => rows.length > 0 && !(c in rows[0]!));
	if (missing.length) {
		throw new Error(`${path}: missing column(s) ${missing.join(', ')}; expected ${CSV_COLUMNS.join(',')}`);
	}
	const defs = rows.map((r, i): RfmSegmentDefinition => {
		const num = (k: string, lo: number, hi: number): number => {
			const n = Number(r[k]);
			if (!Number.isInteger(n) || n < lo || n > hi) {
				throw new Error(`${path} line ${i + 2}: ${k} must be a whole number ${lo}..${hi}, got '${r[k]}'`);
			}
			return n;
		};
		const d = {
			key: String(r.key ?? ''),
			name_en: String(r.name_en ?? ''),
			name_vi: String(r.name_vi ?? ''),
			priority: num('priority', 1, 1000),
			r_min: num('r_min', 1, 5),
			r_max: num('r_max', 1, 5),
			f_min: num('f_min', 1, 5),
			f_max: num('f_max', 1, 5),
			m_min: num('m_min', 1, 5),
			m_max: num('m_max', 1, 5),
			description: String(r.description ?? '')
		};
		if (!/^[a-z][a-z0-9_]*$/.test(d.key) || d.key === 'others') {
			throw new Error(`${path} line ${i + 2}: key must be lower_snake_case and not 'others', got '${d.key}'`);
		}
		if (d.r_min > d.r_max || d.f_min > d.f_max || d.m_min > d.m_max) {
			throw new Error(`${path} line ${i + 2}: a minimum is above its maximum`);
		}
		return d;
	});
	await db.transaction(async (s) => {
		await s.exec('DELETE FROM rfm_segments');
		for (const d of defs) {
			await s.exec(
				`INSERT INTO rfm_segments VALUES ($key, $name_en, $name_vi, $priority, $r_min, $r_max, $f_min, $f_max,
				 $m_min, $m_max, $description)`,
				{ ...d }
			);
		}
	});
	return defs;
}
