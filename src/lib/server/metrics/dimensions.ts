import { z } from 'zod';
import type { Database } from '../db';

/** The filter dimensions with a list of values: region (province / city) and country are separate ones. */
export const DIMENSIONS = ['region', 'country', 'channel', 'acquisition_channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const dimensionsQuerySchema = z.object({ dimension: z.enum(DIMENSIONS).optional() });
export type DimensionsQuery = z.infer<typeof dimensionsQuerySchema>;

export interface DimensionValue {
	dimension: Dimension;
	value: string;
	/** customers with this value (for a channel: customers with an interaction in it) */
	customers: number;
}

/**
 * The distinct non-null values of the filter dimensions (regions, countries, interaction channels, acquisition
 * channels) with their customer counts, most customers first; one dimension when `dimension` is given. A dimension
 * the data has no value of has no rows (queries/dimension_values.sql).
 */
export async function dimensionValues(db: Database, query: DimensionsQuery = {}): Promise<DimensionValue[]> {
	return db.query<DimensionValue>('dimension_values', { dimension: query.dimension ?? null });
}
