import type { Database } from '../db';
import { basketTables, dropBasketTables, RECOMMENDATIONS, statement } from './build';

/** Hit rates of one method in the holdout check (queries/recommend_holdout_eval.sql). */
export interface RecommendationCheck {
	method: 'item_to_item' | 'popularity';
	/** customers with two orders or more: their last order is hidden */
	customers: number;
	hits_5: number;
	hits_10: number;
	hit_rate_5: number;
	hit_rate_10: number;
}

/**
 * The holdout check of the next-product recommendation, like the models' validation: each customer's last order
 * is hidden (queries/recommend_holdout_orders.sql), the pairs and the recommendations are made again from the
 * orders before it (nothing from the hidden orders reaches the scores), and a customer is a hit at k when the
 * hidden order holds one of their first k products; beside it the popularity baseline. Reads, writes nothing.
 */
export async function checkRecommendations(db: Database): Promise<RecommendationCheck[]> {
	return db.withSession(async (s) => {
		try {
			await s.exec(
				`CREATE OR REPLACE TEMP TABLE recommend_holdout_last AS ${statement('recommend_holdout_orders')}`
			);
			await basketTables(
				s,
				`SELECT b.* FROM (${statement('affinity_basket')}) b
				 WHERE b.order_id NOT IN (SELECT order_id FROM recommend_holdout_last)`,
				false
			);
			await s.exec(`CREATE OR REPLACE TEMP TABLE recommend_holdout AS ${statement('recommend_build')}`, {
				k: RECOMMENDATIONS
			});
			return await s.query<RecommendationCheck>('recommend_holdout_eval');
		} finally {
			await dropBasketTables(s, ['recommend_holdout', 'recommend_holdout_last']);
		}
	});
}
