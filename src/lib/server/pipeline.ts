import type { Database } from './db';
import { refreshMetrics } from './metrics/refresh';
import { refreshModels } from './models/service';
import { refreshPeriodTables } from './metrics/periods-refresh';
import { refreshCustomerFeatures } from './segments/features';

/**
 * What runs after data changes (every ingest, `crm demo`, or on demand): each step refreshes one derived
 * thing (the precomputed metric tables, then the model fits and predictions). Steps are listed in order.
 */
export type RefreshStep = { name: string; run: (db: Database) => Promise<unknown> };

export const refreshSteps: RefreshStep[] = [{ name: 'metrics', run: refreshMetrics }];
refreshSteps.push({ name: 'periods', run: refreshPeriodTables });
refreshSteps.push({ name: 'models', run: (db) => refreshModels(db) });
refreshSteps.push({ name: 'segments', run: refreshCustomerFeatures });

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
