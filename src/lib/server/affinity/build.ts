import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { buildVersion, markBuilt } from '../derived/registry';

/**
 * The least orders with both items for a pair to be stored (whole base and each segment): a pair seen in fewer
 * orders says little and would top a list sorted by lift; readers ask for more with --min-orders.
 */
export const STORED_MIN_ORDERS = 5;
/** Products kept per customer in table recommendation, and neighbours per product in the scoring. */
export const RECOMMENDATIONS = 10;
export const NEIGHBOURS = 50;

/** A queries/ statement without its closing semicolon, to be wrapped in CREATE TABLE ... AS. */
export const statement = (name: string): string => loadQuery(name).replace(/;\s*$/, '');

const TEMP_TABLES = [
	'affinity_basket',
	'affinity_item_counts',
	'affinity_pair_counts',
	'recommend_neighbours'
];

/**
 * Writes, on this session, the temporary tables the affinity and recommendation statements read: the orders'
 * items (`basket`: queries/affinity_basket.sql, or a subset of it for the holdout check), each item's counts, the
 * pair counts (whole base, then per segment unless `segments` is false: the holdout check reads only the whole
 * base's) and each product's neighbours.
 */
export async function basketTables(s: Session, basket: string, segments = true): Promise<void> {
	await s.exec(`CREATE OR REPLACE TEMP TABLE affinity_basket AS ${basket}`);
	await s.exec(`CREATE OR REPLACE TEMP TABLE affinity_item_counts AS ${statement('affinity_item_counts')}`);
	const counts = (bySegment: boolean) => ({ min_orders: STORED_MIN_ORDERS, by_segment: bySegment });
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE affinity_pair_counts AS ${statement('affinity_pair_counts')}`,
		counts(false)
	);
	if (segments)
		await s.exec(`INSERT INTO affinity_pair_counts ${statement('affinity_pair_counts')}`, counts(true));
	await s.exec(`CREATE OR REPLACE TEMP TABLE recommend_neighbours AS ${statement('recommend_neighbours')}`, {
		neighbours: NEIGHBOURS
	});
}

export async function dropBasketTables(s: Session, more: string[] = []): Promise<void> {
	for (const t of [...TEMP_TABLES, ...more]) await s.exec(`DROP TABLE IF EXISTS temp.${t}`);
}

/**
 * Registry entry 'affinity' (after 'metrics', whose customer_summary gives each order's segment; before 'segments',
 * whose customer_features joins customer_products): pair
 * statistics of products and categories at order level (queries/affinity_pair_build.sql), each item's orders
 * and buyers (queries/affinity_item_build.sql), whole base and per RFM segment, each customer's next products
 * (queries/recommend_build.sql) and the lists of what they bought (queries/customer_products_build.sql). The pair counts are made in temporary tables before the writing transaction
 * (inside one, the 17M order-pair rows of Online Retail II took 5x longer); the version is read first, so rows
 * that arrive meanwhile leave the entry stale, never wrongly current.
 */
export async function refreshAffinity(
	db: Database
): Promise<{ pairs: number; items: number; recommendations: number }> {
	return db.withSession(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'affinity');
		try {
			await basketTables(s, statement('affinity_basket'));
			await s.exec('BEGIN TRANSACTION');
			try {
				await s.exec(`CREATE OR REPLACE TABLE affinity_pair AS ${statement('affinity_pair_build')}`);
				await s.exec(`CREATE OR REPLACE TABLE affinity_item AS ${statement('affinity_item_build')}`);
				await s.exec(`CREATE OR REPLACE TABLE recommendation AS ${statement('recommend_build')}`, {
					k: RECOMMENDATIONS
				});
				await s.exec(`CREATE OR REPLACE TABLE customer_products AS ${statement('customer_products_build')}`);
				await markBuilt(s, 'affinity', version, { min_orders: STORED_MIN_ORDERS }, performance.now() - t0);
				await s.exec('COMMIT');
			} catch (e) {
				await s.exec('ROLLBACK').catch(() => undefined);
				throw e;
			}
		} finally {
			await dropBasketTables(s);
		}
		const [n] = await s.sql<{ pairs: number; items: number; recommendations: number }>(
			`SELECT (SELECT count(*) FROM affinity_pair)::INTEGER AS pairs,
				(SELECT count(*) FROM affinity_item)::INTEGER AS items,
				(SELECT count(*) FROM recommendation)::INTEGER AS recommendations`
		);
		return n ?? { pairs: 0, items: 0, recommendations: 0 };
	});
}
