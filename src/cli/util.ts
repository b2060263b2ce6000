import type { Command } from 'commander';
import { Database } from '../lib/server/db';
import { repairInterruptedRefresh } from '../lib/server/pipeline';

/** The command line as the audit log names it (auth/audit.ts). */
export const CLI_ACTOR = { name: 'crm (command line)', role: null };

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

/** The global --db option, then CRM_DB, then the default file. */
export function dbPathOf(cmd: Command): string | undefined {
	const opts = cmd.optsWithGlobals() as { db?: string };
	return opts.db;
}

/**
 * Opens the database for one command and always closes it. First it redoes a refresh an ingest asked for and did not
 * finish (killed or failed; pipeline.ts repairInterruptedRefresh), so no command answers from half-refreshed tables;
 * `repair: false` for the commands that refresh anyway.
 */
export async function withDb<T>(
	cmd: Command,
	fn: (db: Database) => Promise<T>,
	{ repair = true }: { repair?: boolean } = {}
): Promise<T> {
	const db = await Database.open({ path: dbPathOf(cmd) });
	try {
		if (repair) await repairInterruptedRefresh(db, (m) => process.stderr.write(`crm: ${m}\n`));
		return await fn(db);
	} finally {
		db.close();
	}
}

export function printJson(value: unknown): void {
	process.stdout.write(`${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? Number(v) : v), 2)}\n`);
}

/** Parses a number option or says which option was wrong. */
export function numberOption(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;
	const n = Number(raw);
	if (!Number.isFinite(n)) throw new UsageError(`${name} must be a number, got '${raw}'`);
	return n;
}
