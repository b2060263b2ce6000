import type { Database } from './db';
import { DERIVED, freshnessNow } from './derived/registry';

/** One registry entry's refresh: how long it took, or that it was already current. */
export interface StepTiming {
	name: string;
	ms: number;
	/** true when the entry was current (built from the inputs as they are) and was left alone */
	skipped?: boolean;
}

/** The refresh steps, in the order they run: the registry's entries (derived/registry.ts). */
export const refreshSteps = DERIVED.map((e) => ({ name: e.name, tables: e.tables }));

export interface RefreshOptions {
	/** Rebuild only these entries (in registry order), current or not. */
	only?: string[];
	/** Rebuild every entry, current or not. */
	force?: boolean;
	/** Told when each step starts: its position, the number of steps, its name. */
	onStep?: (index: number, total: number, name: string) => void;
}

/**
 * The refresh: walks the registry in dependency order and rebuilds each entry whose stored tables were not built
 * from the inputs as they are now (or every entry named in `only`, or all with `force`). With no new data it reads
 * the state and builds nothing. Each entry writes its tables and its derived_state record in one transaction, so a
 * reader sees an entry's old tables or its new ones; an entry not yet rebuilt is stale, and readers answer its
 * requests inline. Returns each entry's duration. An unknown name in `only` is an error that lists the known ones.
 */
export function refreshDerived(
	db: Database,
	log: (msg: string) => void = () => undefined,
	only?: string[],
	options: Omit<RefreshOptions, 'only'> = {}
): Promise<StepTiming[]> {
	// One refresh at a time per database (the server may be asked by an ingest while it refreshes at start-up):
	// a later one waits for the earlier one and then finds what is still stale.
	const previous = running.get(db) ?? Promise.resolve();
	const next = previous.catch(() => undefined).then(() => walk(db, log, only, options));
	const tail = next.catch(() => undefined);
	running.set(db, tail);
	void tail.then(() => {
		if (running.get(db) === tail) running.delete(db);
	});
	return next;
}

const running = new Map<Database, Promise<unknown>>();

async function walk(
	db: Database,
	log: (msg: string) => void,
	only: string[] | undefined,
	options: Omit<RefreshOptions, 'only'>
): Promise<StepTiming[]> {
	const unknown = (only ?? []).filter((n) => !DERIVED.some((s) => s.name === n));
	if (unknown.length > 0) {
		throw new Error(
			`unknown refresh step '${unknown.join("', '")}'; the steps are: ${DERIVED.map((s) => s.name).join(', ')}`
		);
	}
	const steps = DERIVED.filter((e) => !only || only.includes(e.name));
	const timings: StepTiming[] = [];
	for (const [i, entry] of steps.entries()) {
		options.onStep?.(i, steps.length, entry.name);
		const t = performance.now();
		// read now: a state query shared with readers may have begun before the ingest or the last step committed
		if (!only && !options.force && (await freshnessNow(db)).entries[entry.name]?.current) {
			timings.push({ name: entry.name, ms: Math.round(performance.now() - t), skipped: true });
			log(`${entry.name}: up to date`);
			continue;
		}
		await entry.build(db, { full: options.force === true || only !== undefined });
		const ms = Math.round(performance.now() - t);
		timings.push({ name: entry.name, ms });
		log(`${entry.name}: ${ms} ms`);
	}
	return timings;
}

/** Whether any entry is not up to date (the refresh has work to do). */
export async function needsRefresh(db: Database): Promise<boolean> {
	const f = await freshnessNow(db);
	return DERIVED.some((e) => !f.entries[e.name]!.upToDate);
}

/**
 * Whether the refresh an ingest asked for did not finish (killed, or failed after the ingest's rows committed): some
 * entry is not up to date and the last ingest was not loaded with --no-refresh (queries/ingest_refresh_wanted.sql).
 * The registry says what is stale; nothing else is recorded.
 */
export async function refreshInterrupted(db: Database): Promise<boolean> {
	if (!(await needsRefresh(db))) return false;
	const [last] = await db.query<{ wanted: boolean }>('ingest_refresh_wanted');
	return last?.wanted === true;
}

/**
 * Redoes an interrupted refresh (refreshInterrupted): every crm command and each ingest calls it first, the server
 * at start (app-db.ts refreshes whatever is stale). Returns the steps run, or null when nothing was interrupted.
 */
export async function repairInterruptedRefresh(
	db: Database,
	log: (msg: string) => void = () => undefined
): Promise<StepTiming[] | null> {
	if (!(await refreshInterrupted(db))) return null;
	log('the last refresh did not finish (killed or failed): redoing it');
	return refreshDerived(db);
}
