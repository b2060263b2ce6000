import type { Database } from '../db';
import { loadQuery } from '../db';
import { intake } from '../derived/intake';
import { buildState, markBuilt, type BuildOptions } from '../derived/registry';
import { computeParams, defaultRfmConfig, inactivityDays, latestAsOf } from './summary';

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
		// part-way only after a build with this definition and these settings (usable)
		const { through, since } = await intake(
			s,
			!options.full && state.usable ? state.params.through : undefined
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
