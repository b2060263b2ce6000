import type { Database } from '../db';
import { loadQuery } from '../db';
import { buildVersion, markBuilt } from '../derived/registry';
import { computeParams, defaultRfmConfig, inactivityDays, latestAsOf } from './summary';

/**
 * Rebuilds customer_day_channel, customer_day and customer_summary from interactions and customers, as of the
 * default as-of date (the day after the last interaction), in one transaction: readers see the old tables or the
 * new ones, never a mix. Registered as the refresh step 'metrics' in pipeline.ts.
 */
export async function refreshMetrics(db: Database): Promise<{ as_of: string }> {
	const days = await inactivityDays(db);
	const rfm = await defaultRfmConfig(db);
	return db.transaction(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'metrics');
		await s.exec(loadQuery('customer_day_refresh'));
		const asOf = await latestAsOf(s);
		await s.exec('DELETE FROM customer_summary');
		// Stored in customer_id order: a page of the RFM table (ORDER BY customer_id LIMIT n) then reads a few row
		// groups instead of sorting a million rows.
		const compute = loadQuery('customer_summary_compute').replace(/;\s*$/, '');
		await s.exec(
			`INSERT INTO customer_summary BY NAME SELECT * FROM (${compute}) ORDER BY customer_id`,
			computeParams(asOf, {}, rfm, days)
		);
		const params = { as_of: asOf, rfm_config: rfm, inactivity_days: days };
		await markBuilt(s, 'metrics', version, params, performance.now() - t0);
		return { as_of: asOf };
	});
}
