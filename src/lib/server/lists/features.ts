import type { Database } from '../db';
import { loadQuery } from '../db';
import { buildVersion, entryState, markBuilt } from '../derived/registry';

/**
 * Table customer_features: queries/customer_features.sql materialised, the one relation rules are evaluated on.
 * Registry entry 'segments' (after metrics and models); built on first use when it was never built.
 */
const NEEDS = [
	'customer_summary',
	'customer_day',
	'derived_state',
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
	return db.transaction(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'segments');
		await s.exec(`CREATE OR REPLACE TABLE customer_features AS ${loadQuery('customer_features')}`);
		await markBuilt(s, 'segments', version, {}, performance.now() - t0);
		const rows = await s.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customer_features');
		return { customers: rows[0]?.n ?? 0 };
	});
}

let building: Promise<unknown> | undefined;

/** Builds customer_features when it was never built (a database refreshed before this entry existed). */
export async function ensureCustomerFeatures(db: Database): Promise<void> {
	if ((await entryState(db, 'segments')).builtFor !== null) return;
	building ??= refreshCustomerFeatures(db).finally(() => (building = undefined));
	await building;
}
