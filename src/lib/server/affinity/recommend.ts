import type { Database } from '../db';

/** One of a customer's next products (queries/recommend_build.sql: item to item over what they bought). */
export interface Recommendation {
	rank: number;
	product_id: string;
	/** the product's name in the data; NULL when the data never named it */
	name: string | null;
	/** sum over the products they bought of P(this product | that one) */
	score: number;
}

/** The customer's next products, best first (empty for a customer without purchases or unknown). */
export function recommendations(db: Database, customerId: string): Promise<Recommendation[]> {
	return db.query<Recommendation>('recommend_customer', { customer_id: customerId });
}
