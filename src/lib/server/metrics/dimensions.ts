import { z } from 'zod';
import type { Database } from '../db';

export const DIMENSIONS = ['region', 'channel', 'acquisition_channel'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const dimensionsQuerySchema = z.object({ dimension: z.enum(DIMENSIONS).optional() });
export type DimensionsQuery = z.infer<typeof dimensionsQuerySchema>;

export interface DimensionValue {
	dimension: Dimension;
	value: string;
}

/**
 * The distinct non-null values of the filter dimensions (regions, interaction channels, acquisition channels),
 * sorted; one dimension when `dimension` is given (queries/dimension_values.sql).
 */
export async function dimensionValues(db: Database, query: DimensionsQuery = {}): Promise<DimensionValue[]> {
	return db.query<DimensionValue>('dimension_values', { dimension: query.dimension ?? null });
}
