import type { Database } from '../db';
import { ensureCustomerFeatures } from './features';
import { FIELDS, type FieldDef } from './fields';
import { OPERATORS_BY_TYPE, type Operator } from './rule';
import { valueNamer, type Names } from './value-names';

/** What the builder needs to offer a field: its type, label, operators and the values seen in the data. */
export interface FieldChoice extends FieldDef {
	operators: readonly Operator[];
	/**
	 * For categories and lists: the most common values in customer_features (at most 200), then known ones, each
	 * with its names (a code without a name, such as a region, is its own name).
	 */
	options?: { value: string; customers: number; label: Names }[];
}

/** The fields with the values that occur (categories and lists), most common first. */
export async function fieldCatalog(db: Database): Promise<FieldChoice[]> {
	await ensureCustomerFeatures(db);
	const pick = FIELDS.filter((f) => (f.type === 'category' && f.key !== 'customer_id') || f.type === 'list');
	// One scan: each field's values as (field, value) pairs; field names come from the whitelist.
	const parts = pick.map((f) =>
		f.type === 'list'
			? `SELECT '${f.key}' AS field, unnest(f."${f.key}") AS value FROM customer_features f`
			: `SELECT '${f.key}' AS field, f."${f.key}" AS value FROM customer_features f WHERE f."${f.key}" IS NOT NULL`
	);
	const rows = await db.sql<{ field: string; value: string; customers: number }>(
		`SELECT field, value, count(*)::BIGINT AS customers FROM (${parts.join(' UNION ALL ')})
		 GROUP BY field, value QUALIFY row_number() OVER (PARTITION BY field ORDER BY count(*) DESC, value) <= 200
		 ORDER BY field, customers DESC, value`
	);
	const names = await valueNamer(db);
	const withName = (key: string, value: string, customers: number) => ({
		value,
		customers,
		label: names(key, value) ?? { en: value, vi: value }
	});
	return FIELDS.map((f) => {
		const choice: FieldChoice = { ...f, operators: OPERATORS_BY_TYPE[f.type] };
		if (!pick.includes(f)) return choice;
		const seen = rows.filter((r) => r.field === f.key).map((r) => withName(f.key, r.value, r.customers));
		const known = (f.values ?? [])
			.filter((v) => !seen.some((s) => s.value === v))
			.map((value) => withName(f.key, value, 0));
		return { ...choice, options: [...seen, ...known] };
	});
}
