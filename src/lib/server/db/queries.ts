import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { queriesDir } from './paths';

const cache = new Map<string, string>();

/** A query name is a path below queries/ without the .sql ending, e.g. 'rfm_scores' or 'migrations/001_init'. */
const QUERY_NAME = /^[a-z0-9_]+(\/[a-z0-9_]+)*$/;

/** Reads queries/<name>.sql once and keeps it; the SQL text is ours, never a user's. */
export function loadQuery(name: string): string {
	const hit = cache.get(name);
	if (hit !== undefined) return hit;
	if (!QUERY_NAME.test(name)) throw new Error(`invalid query name '${name}'`);
	const path = join(queriesDir, `${name}.sql`);
	let sql: string;
	try {
		sql = readFileSync(path, 'utf8');
	} catch {
		throw new Error(`query '${name}' not found: expected the file ${path}`);
	}
	cache.set(name, sql);
	return sql;
}

/** Names of the .sql files in a folder below queries/, sorted. */
export function listQueries(folder: string): string[] {
	return readdirSync(join(queriesDir, folder))
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.map((f) => `${folder}/${f.slice(0, -4)}`);
}
