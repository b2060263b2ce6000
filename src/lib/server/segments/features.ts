import type { Database } from '../db';
import { loadQuery } from '../db';

/**
 * Table customer_features: queries/customer_features.sql materialised, the one relation rules are evaluated on.
 * Rebuilt by the 'segments' refresh step (after metrics and models) and built on first use when missing.
 */
const NEEDS = [
	'customer_summary',
	'customer_day',
	'metrics_state',
	'predictions',
	'customers',
	'interactions'
];

export async function refreshCustomerFeatures(db: Database): Promise<{ customers: number }> {
	const present = new Set(
		(
			await db.sql<{ name: string }>(
				"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main'"
			)
		).map((r) => r.name)
	);
	const missing = NEEDS.filter((t) => !present.has(t));
	if (missing.length) {
		throw new Error(
			`customer features need the table(s) ${missing.join(', ')}: this database misses the metrics or models ` +
				'schema; open it with the current program version so that its migrations are applied'
		);
	}
	await db.exec(`CREATE OR REPLACE TABLE customer_features AS ${loadQuery('customer_features')}`);
	const rows = await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customer_features');
	return { customers: rows[0]?.n ?? 0 };
}

let building: Promise<unknown> | undefined;

/** Builds customer_features when it does not exist yet (a database refreshed before this step existed). */
export async function ensureCustomerFeatures(db: Database): Promise<void> {
	const rows = await db.sql<{ n: number }>(
		"SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = 'customer_features'"
	);
	if ((rows[0]?.n ?? 0) > 0) return;
	building ??= refreshCustomerFeatures(db).finally(() => (building = undefined));
	await building;
}

/** The as-of date the features were computed for ('YYYY-MM-DD'), or null when there are no customers. */
export async function featuresAsOf(db: Database): Promise<string | null> {
	await ensureCustomerFeatures(db);
	const rows = await db.sql<{ d: string | null }>(
		"SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM customer_features"
	);
	return rows[0]?.d ?? null;
}
