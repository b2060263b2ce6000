import type { Database } from '../../src/lib/server/db';
import { refreshMetrics } from '../../src/lib/server/metrics/refresh';

/**
 * Loads ../shared's cdnow_sample.csv into `interactions` as purchases (ingestion is another area's work; this
 * is the smallest faithful load: one purchase row per CSV row, the customer id as text, no channel), then the
 * metrics refresh that rebuilds customer_day, which the model summary reads (as after every ingest).
 */
export async function loadCdnowSample(db: Database, path: string): Promise<void> {
	await db.exec(
		`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, amount, quantity)
		 SELECT row_number() OVER ()::VARCHAR, customer_id::VARCHAR, date::TIMESTAMP, 'purchase', NULL, amount, quantity
		 FROM read_csv($path, header = true, columns = {'customer_id': 'INTEGER', 'date': 'DATE', 'quantity': 'INTEGER', 'amount': 'DECIMAL(18,2)'})`,
		{ path }
	);
	await refreshMetrics(db);
}
