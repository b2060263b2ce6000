import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this module that holds both package.json and queries/.
 * Walking up works the same from src/ (tsx, vitest) and from the built server in build/server/chunks/.
 */
function findProjectRoot(): string {
	const fromEnv = process.env.CRM_ROOT;
	if (fromEnv) return resolve(fromEnv);
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'queries'))) return dir;
		const parent = dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}

export const projectRoot = findProjectRoot();
export const queriesDir = process.env.CRM_QUERIES_DIR
	? resolve(process.env.CRM_QUERIES_DIR)
	: join(projectRoot, 'queries');

/** The database file: --db wins, then CRM_DB, then datasets/crm.duckdb in the project. */
export function defaultDbPath(): string {
	return process.env.CRM_DB ? resolve(process.env.CRM_DB) : join(projectRoot, 'datasets', 'crm.duckdb');
}
