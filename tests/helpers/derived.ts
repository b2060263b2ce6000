import type { Database } from '../../src/lib/server/db';
import { buildVersion, markBuilt, type EntryName } from '../../src/lib/server/derived/registry';

/**
 * Marks registry entry `name` stale (its derived_state record no longer matches its inputs) or current again, so a
 * test can compare what the stored tables answer with what the same SQL computes inline.
 */
export async function markStale(db: Database, name: string, stale: boolean): Promise<void> {
	const suffix = ' (marked stale by a test)';
	await db.exec(
		stale
			? `UPDATE derived_state SET built_for = built_for || $suffix,
				params = json_merge_patch(params, json_object('_reads_saved', params->'_reads', '_reads', 'stale'))
			   WHERE name = $name AND NOT ends_with(built_for, $suffix)`
			: `UPDATE derived_state SET built_for = replace(built_for, $suffix, ''),
				params = json_merge_patch(params, json_object('_reads', params->'_reads_saved'))
			   WHERE name = $name AND ends_with(built_for, $suffix)`,
		{ name, suffix }
	);
}

/** Runs fn with entry `name` marked stale, and marks it current again afterwards. */
export async function whileStale<T>(db: Database, name: string, fn: () => Promise<T>): Promise<T> {
	await markStale(db, name, true);
	try {
		return await fn();
	} finally {
		await markStale(db, name, false);
	}
}

/**
 * Records registry entry `name` as built from the inputs as they are now, for `params`: for fixtures that write a
 * derived table by hand (e.g. a customer_summary of chosen scores). Call it after the fixture's last write.
 */
export async function markCurrent(
	db: Database,
	name: EntryName,
	params: Record<string, unknown> = {}
): Promise<void> {
	const version = await buildVersion(db, name);
	await db.withSession((s) => markBuilt(s, name, version, params));
}
