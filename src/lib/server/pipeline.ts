import type { Database } from './db';

/**
 * What runs after data changes (every ingest, `crm demo`, or on demand): each step refreshes one derived
 * thing (the precomputed metric tables, then the model fits and predictions). Steps are listed in order.
 */
export type RefreshStep = { name: string; run: (db: Database) => Promise<unknown> };

export const refreshSteps: RefreshStep[] = [];

export async function refreshDerived(
	db: Database,
	log: (msg: string) => void = () => undefined
): Promise<void> {
	for (const step of refreshSteps) {
		const t = performance.now();
		await step.run(db);
		log(`${step.name}: ${Math.round(performance.now() - t)} ms`);
	}
}
