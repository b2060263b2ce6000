import type { Database } from '../db';
import type { Filters } from './filters';
import { queryOnSummary, type RfmConfig } from './summary';

export const DISTRIBUTION_MEASURES = ['recency', 'frequency', 'monetary', 'clv', 'p_alive'] as const;
export type DistributionMeasure = (typeof DISTRIBUTION_MEASURES)[number];

/** One histogram bin: customers with x0 <= value < x1; the last bin of a measure holds every value >= x0. */
export interface DistributionBin {
	measure: DistributionMeasure;
	/** 0-based position within the measure */
	bin: number;
	x0: number;
	x1: number;
	count: number;
	/** customers of this bin whose value is > x1 (the tail above the cap; only on a measure's last bin) */
	overflow: number;
}

/**
 * Binned distributions of recency (days), frequency (orders), monetary (net revenue), predicted CLV and P(alive)
 * over the filtered customers with a purchase, at most 20 bins per measure, heavy tails capped at the 99th
 * percentile (queries/metric_distributions.sql documents the bin edges).
 */
export async function metricDistributions(
	db: Database,
	filters: Filters = {},
	rfm?: RfmConfig
): Promise<DistributionBin[]> {
	return (await queryOnSummary<DistributionBin>(db, 'metric_distributions', filters, { rfm })).rows;
}
