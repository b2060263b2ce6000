import type { Database } from '../db';
import type { LifecycleStage } from '../../filters';
import type { Filters } from './filters';
import { queryOnSummary } from './summary';

export interface LifecycleStageCount {
	lifecycle_stage: LifecycleStage;
	customers: number;
	share: number | null;
	net_revenue: number;
	mean_recency_days: number | null;
}

/** A stage as /api/lifecycle-stages sends it: net revenue also as `revenue`, the name the charts read. */
export type LifecycleStageAnswer = LifecycleStageCount & { revenue: number };

/**
 * Customers by lifecycle stage as of the as-of date (every stage, also empty ones): new, active, at risk,
 * reactivated, churned as defined in docs/METRICS.md (queries/lifecycle_customer_counts.sql).
 */
export async function lifecycleCustomerCounts(
	db: Database,
	filters: Filters = {}
): Promise<{ as_of: string; rows: LifecycleStageCount[] }> {
	const { rows, context } = await queryOnSummary<LifecycleStageCount>(
		db,
		'lifecycle_customer_counts',
		filters
	);
	return { as_of: context.asOf, rows };
}
