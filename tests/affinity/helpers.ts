import type { Database } from '../../src/lib/server/db';

/** One order line for a constructed case: the order, its customer, the product, its category, the type. */
export type Line = [order: string, customer: string, product: string, category: string, type?: string];

/** Writes the lines as interactions (one a line, a day an order, amount 10) and refreshes nothing. */
export async function insertLines(db: Database, lines: Line[]): Promise<void> {
	const values = lines.map(([order, customer, product, category, type], i) => ({
		id: `t:${i}`,
		customer,
		order,
		product,
		category,
		type: type ?? 'purchase',
		day: Number(order.replace(/\D/g, '')) % 300
	}));
	await db.exec(
		`INSERT INTO customers (customer_id)
		 SELECT DISTINCT unnest(from_json($c::VARCHAR, '["VARCHAR"]'))`,
		{ c: JSON.stringify(values.map((v) => v.customer)) }
	);
	await db.exec(
		`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, order_id, amount, product_id,
			category)
		 SELECT r.id, r.customer, TIMESTAMP '2024-01-01' + to_days(r.day::INTEGER), r.type, r.order,
			CASE WHEN r.type = 'refund' THEN -10 ELSE 10 END, r.product, r.category
		 FROM (SELECT unnest(from_json($rows::VARCHAR, '[{"id": "VARCHAR", "customer": "VARCHAR", "order": "VARCHAR",
			"product": "VARCHAR", "category": "VARCHAR", "type": "VARCHAR", "day": "INTEGER"}]')) AS r)`,
		{ rows: JSON.stringify(values) }
	);
}
