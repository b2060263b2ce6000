import type { Database } from './db';
import { refreshMetrics } from './metrics/refresh';
import { refreshModels } from './models/service';
import { refreshPeriodTables } from './metrics/periods-refresh';
import { refreshCustomerFeatures } from './segments/features';
import { refreshSegmentMix } from './overview';
import { refreshSegmentCustomers } from './metrics/segments';

/**
 * What runs after data changes (every ingest, `crm demo`, or on demand): each step refreshes one derived
 * thing (the precomputed metric tables, then the model fits and predictions). Steps are listed in order.
 */
export type RefreshStep = { name: string; run: (db: Database) => Promise<unknown> };

export const refreshSteps: RefreshStep[] = [{ name: 'metrics', run: refreshMetrics }];
refreshSteps.push({ name: 'periods', run: refreshPeriodTables });
refreshSteps.push({ name: 'models', run: (db) => refreshModels(db) });
refreshSteps.push({ name: 'segments', run: refreshCustomerFeatures });
refreshSteps.push({ name: 'mix', run: refreshSegmentMix });
refreshSteps.push({ name: 'segment-summary', run: refreshSegmentCustomers });

/** How long one refresh step took. */
export interface StepTiming {
	name: string;
	ms: number;
}

/**
 * Runs the refresh steps in order (all of them, or those named in `only`, still in pipeline order) and returns each
 * step's duration. An unknown name in `only` is an error that lists the known ones.
 */
export async function refreshDerived(
	db: Database,
	log: (msg: string) => void = () => undefined,
	only?: string[]
): Promise<StepTiming[]> {
	const unknown = (only ?? []).filter((n) => !refreshSteps.some((s) => s.name === n));
	if (unknown.length > 0) {
		throw new Error(
			`unknown refresh step '${unknown.join("', '")}'; the steps are: ${refreshSteps.map((s) => s.name).join(', ')}`
		);
	}
	const timings: StepTiming[] = [];
	for (const step of refreshSteps) {
		if (only && !only.includes(step.name)) continue;
		const t = performance.now();
		await step.run(db);
		const ms = Math.round(performance.now() - t);
		timings.push({ name: step.name, ms });
		log(`${step.name}: ${ms} ms`);
	}
	return timings;
}
