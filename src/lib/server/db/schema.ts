import type { Session } from './database';
import { listQueries, loadQuery } from './queries';

/**
 * The schema is a numbered list of files in queries/migrations/ (001_init.sql, 002_...). The table
 * schema_version records what was applied, so an older database is brought forward on open, never rebuilt.
 */
export function migrations(): { version: number; name: string }[] {
	return listQueries('migrations').map((name) => {
		const m = /migrations\/(\d+)_/.exec(name);
		if (!m) throw new Error(`migration file ${name}.sql must start with a number, e.g. 002_add_x.sql`);
		return { version: Number(m[1]), name };
	});
}

export const latestSchemaVersion = (): number => Math.max(0, ...migrations().map((m) => m.version));

export async function appliedVersions(s: Session): Promise<Set<number>> {
	await s.exec(
		`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
		 applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`
	);
	const rows = await s.sql<{ version: number }>('SELECT version FROM schema_version');
	return new Set(rows.map((r) => r.version));
}

export async function currentSchemaVersion(s: Session): Promise<number> {
	return Math.max(0, ...(await appliedVersions(s)));
}

/**
 * Applies, in order, every migration this database has not recorded yet (not only those above its highest
 * version, so a migration numbered into a gap is still applied), each in its own transaction.
 */
export async function applyMigrations(s: Session): Promise<number> {
	const applied = await appliedVersions(s);
	const latest = latestSchemaVersion();
	const newest = Math.max(0, ...applied);
	if (newest > latest) {
		throw new Error(
			`this database has schema version ${newest}, newer than this program knows (${latest}): upgrade the program`
		);
	}
	for (const m of migrations()) {
		if (applied.has(m.version)) continue;
		await s
			.transaction(async () => {
				await s.exec(loadQuery(m.name));
				await s.exec('INSERT INTO schema_version (version, name) VALUES ($1, $2)', [m.version, m.name]);
			})
			.catch((e: unknown) => {
				throw new Error(`schema migration ${m.name} failed: ${e instanceof Error ? e.message : e}`);
			});
	}
	return latest;
}
