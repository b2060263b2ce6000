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
 * What interactions hold now (recorded as `through`), and the ingest id after which customer_day can be brought up
 * to date customer by customer, or null for a rebuild of every customer. The part-way update needs: no `full`
 * request, a last build with this definition and these settings (the entry is `usable`) that recorded what it took
 * in, and those rows all still there, unchanged in number (crm demo --replace, for one, deletes them). Rows of later
 * ingests are what is new. One scan of interactions.
 */
async function intake(
	s: Session,
	state: EntryState,
	full: boolean
): Promise<{ through: Through; since: number | null }> {
	const last = state.params.through as Through | undefined;
	const built = !full && state.usable && typeof last?.ingest_id === 'number' ? last : undefined;
	const [row] = await s.sql<{ k: number; n: number; kept: number }>(
		`SELECT coalesce(max(ingest_id), 0) AS k, count(*) AS n,
			count(*) FILTER (WHERE coalesce(ingest_id, 0) <= $built::BIGINT) AS kept
		 FROM interactions`,
		{ built: built?.ingest_id ?? null }
	);
	const through = { ingest_id: Number(row?.k ?? 0), rows: Number(row?.n ?? 0) };
	return { through, since: built && Number(row?.kept) === built.rows ? built.ingest_id : null };
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
		const { through, since } = await intake(s, state, options.full);
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
