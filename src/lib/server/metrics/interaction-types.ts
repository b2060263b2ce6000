import type { Database } from '../db';
import { perRefresh } from '../derived/cache';

export interface InteractionTypeCount {
	type: string;
	interactions: number;
}

/** The interaction types in the whole database with their counts, unfiltered (queries/interaction_types.sql). */
export async function interactionTypeCounts(db: Database): Promise<InteractionTypeCount[]> {
	return db.query<InteractionTypeCount>('interaction_types');
}

/**
 * The interaction types the database holds, sorted: kept in the answer cache until the data changes (one scan of
 * interactions per data version). The pages read it from the root layout's data (`interactionTypes`) to tell "this
 * data has no surveys" apart from "no rows match these filters".
 */
export function interactionTypes(db: Database): Promise<string[]> {
	return perRefresh('data:interaction-types', db, async () =>
		(await interactionTypeCounts(db)).map((r) => r.type)
	);
}
