import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { buildVersion, markBuilt } from '../derived/registry';

/**
 * The least orders with both items for a pair to be stored (whole base and each segment): a pair seen in fewer
 * orders says little and would top a list sorted by lift; readers ask for more with --min-orders.
 */
export const STORED_MIN_ORDERS = 5;

const statement = (name: string): string => loadQuery(name).replace(/;\s*$/, '');

/** Writes the temporary tables the affinity build statements read, on this session. */
async function basketTables(s: Session): Promise<void> {
	const min = { min_orders: STORED_MIN_ORDERS };
	await s.exec(`CREATE OR REPLACE TEMP TABLE affinity_basket AS ${statement('affinity_basket')}`);
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE affinity_pair_counts_all AS ${statement('affinity_pair_counts_all')}`,
		min
	);
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE affinity_pair_counts_segment AS ${statement('affinity_pair_counts_segment')}`,
		min
	);
}

async function dropBasketTables(s: Session): Promise<void> {
	for (const t of ['affinity_basket', 'affinity_pair_counts_all', 'affinity_pair_counts_segment'])
		await s.exec(`DROP TABLE IF EXISTS temp.${t}`);
}

/**
 * Registry entry 'affinity' (after 'segment-summary', whose segment_customer gives each order's segment): pair
 * statistics of products and categories at order level (queries/affinity_pair_build.sql) and each item's orders
 * and buyers (queries/affinity_item_build.sql), whole base and per RFM segment. The pair counts are made in
 * temporary tables before the writing transaction (inside one, the 17M order-pair rows of Online Retail II took
 * 13x longer); the version is read first, so rows that arrive meanwhile leave the entry stale, never wrongly current.
 */
export async function refreshAffinity(db: Database): Promise<{ pairs: number; items: number }> {
	return db.withSession(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'affinity');
		try {
			await basketTables(s);
			await s.exec('BEGIN TRANSACTION');
			try {
				await s.exec(`CREATE OR REPLACE TABLE affinity_pair AS ${statement('affinity_pair_build')}`);
				await s.exec(`CREATE OR REPLACE TABLE affinity_item AS ${statement('affinity_item_build')}`);
				await markBuilt(s, 'affinity', version, { min_orders: STORED_MIN_ORDERS }, performance.now() - t0);
				await s.exec('COMMIT');
			} catch (e) {
				await s.exec('ROLLBACK').catch(() => undefined);
				throw e;
			}
		} finally {
			await dropBasketTables(s);
		}
		const [n] = await s.sql<{ pairs: number; items: number }>(
			`SELECT (SELECT count(*) FROM affinity_pair)::INTEGER AS pairs,
				(SELECT count(*) FROM affinity_item)::INTEGER AS items`
		);
		return n ?? { pairs: 0, items: 0 };
	});
}
