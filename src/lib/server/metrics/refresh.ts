import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { buildState, markBuilt, type BuildOptions, type EntryState } from '../derived/registry';
import { computeParams, defaultRfmConfig, inactivityDays, latestAsOf } from './summary';

/** The interactions a build of customer_day took in: the newest ingest id and the number of rows up to it. */
interface Through {
	ingest_id: number;
	rows: number;
}

/**
 * The ingest id after which customer_day can be brought up to date customer by customer, or null for a rebuild of
 * every customer: its last build used this definition and these settings (the entry is `usable`) and recorded
 * what it took in, and the rows it took in are all still there, unchanged in number (crm demo --replace, for one,
 * deletes them). Rows of later ingests are what is new.
 */
async function incrementalSince(s: Session, state: EntryState): Promise<number | null> {
	const through = state.params.through as Through | undefined;
	if (!state.usable || !through || typeof through.ingest_id !== 'number') return null;
	const [row] = await s.sql<{ n: number }>(
		'SELECT count(*) AS n FROM interactions WHERE coalesce(ingest_id, 0) <= $k::BIGINT',
		{ k: through.ingest_id }
	);
	return Number(row?.n) === through.rows ? through.ingest_id : null;
}

/**
 * Rebuilds customer_day_channel, customer_day and customer_summary from interactions and customers, as of the
 * default as-of date (the day after the last interaction), in one transaction: readers see the old tables or the
 * new ones, never a mix. After an ingest that only added rows, customer_day(_channel) are rebuilt for the customers
 * those rows belong to (tests/derived/incremental.test.ts checks this equals a full rebuild); the summary is always
 * scored afresh (quintiles and recency move with every customer). Registered as the refresh step 'metrics'.
 */
export async function refreshMetrics(
	db: Database,
	options: BuildOptions = { full: false }
): Promise<{ as_of: string; incremental: boolean }> {
	const days = await inactivityDays(db);
	const rfm = await defaultRfmConfig(db);
	return db.transaction(async (s) => {
		const t0 = performance.now();
		const state = await buildState(s, 'metrics');
		const since = options.full ? null : await incrementalSince(s, state);
		const [taken] = await s.sql<{ k: number; n: number }>(
			'SELECT coalesce(max(ingest_id), 0) AS k, count(*) AS n FROM interactions'
		);
		for (const statement of loadQuery('customer_day_refresh').split(/;\s*\n/)) {
			if (statement.replace(/--[^\n]*/g, '').trim()) await s.exec(statement, { since });
		}
		const asOf = await latestAsOf(s);
		await s.exec('DELETE FROM customer_summary');
		// Stored in customer_id order: a page of the RFM table (ORDER BY customer_id LIMIT n) then reads a few row
		// groups instead of sorting a million rows.
		const compute = loadQuery('customer_summary_compute').replace(/;\s*$/, '');
		await s.exec(
			`INSERT INTO customer_summary BY NAME SELECT * FROM (${compute}) ORDER BY customer_id`,
			computeParams(asOf, {}, rfm, days)
		);
		const through: Through = { ingest_id: Number(taken?.k ?? 0), rows: Number(taken?.n ?? 0) };
		// `incremental`: customer_day was brought up to date for the customers with new rows only (tests read it).
		const params = {
			as_of: asOf,
			rfm_config: rfm,
			inactivity_days: days,
			through,
			incremental: since !== null
		};
		await markBuilt(s, 'metrics', state.version, params, performance.now() - t0);
		return { as_of: asOf, incremental: since !== null };
	});
}
