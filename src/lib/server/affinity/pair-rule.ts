import type { Database } from '../db';
import type { Rule } from '../lists/rule';
import type { AffinityLevel } from './pairs';

/** Customers of one pair: who bought A and not B, and who bought both (queries/affinity_pair_customers.sql). */
export interface PairCustomers {
	a_not_b: number;
	both: number;
}

export async function pairCustomers(
	db: Database,
	level: AffinityLevel,
	itemA: string,
	itemB: string
): Promise<PairCustomers> {
	const [row] = await db.query<PairCustomers>('affinity_pair_customers', {
		level,
		item_a: itemA,
		item_b: itemB
	});
	return row ?? { a_not_b: 0, both: 0 };
}

/** The list rule "bought A and not B" over the fields products_bought / categories_bought (lists/fields.ts). */
export function boughtANotBRule(level: AffinityLevel, itemA: string, itemB: string): Rule {
	const field = level === 'category' ? 'categories_bought' : 'products_bought';
	return {
		and: [
			{ field, op: 'contains', value: itemA },
			{ field, op: 'not_contains', value: itemB }
		]
	};
}
