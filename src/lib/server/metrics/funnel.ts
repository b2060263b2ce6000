import type { Database } from '../db';
import { filterParams, type Filters } from './filters';
import { periodQueryText, withPeriodTables } from './periods-refresh';

export const FUNNEL_STAGES = [
	'any_interaction',
	'engaged',
	'first_purchase',
	'repeat_purchase',
	'loyal'
] as const;

export interface FunnelStage {
	step: number;
	stage: (typeof FUNNEL_STAGES)[number];
	/** null when the data cannot show the stage (observable false) */
	customers: number | null;
	/** reached the stage or a later one; null when the data cannot show the stage */
	customers_nested: number | null;
	share_of_start: number | null;
	conversion: number | null;
	/** whether the data can show the stage at all (engaged: any email click, web visit, call or ticket) */
	observable: boolean;
}

/** The journey funnel over customers first seen in from/to (queries/funnel_journey.sql). */
export async function journeyFunnel(db: Database, filters: Filters): Promise<FunnelStage[]> {
	return withPeriodTables(db, filters.as_of, null, (s, ctx) =>
		s.sql<FunnelStage>(periodQueryText('funnel_journey', filters), {
			...filterParams(filters),
			as_of: ctx.asOf
		})
	);
}
