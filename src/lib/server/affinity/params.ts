import { z } from 'zod';
import { AFFINITY_LEVELS, AFFINITY_SORTS, DEFAULT_MIN_ORDERS } from './pairs';

/** A segment key as rfm_segments names them, or 'all'. */
const segmentKey = z
	.string()
	.regex(/^[a-z][a-z0-9_]{0,63}$/, 'a segment key (lower case letters, digits, _) or all');
/** A product code or category as the data has it (bound as a value, never SQL). */
const item = z.string().min(1).max(200);

/** GET /api/affinity and the Products page: which pairs. */
export const affinityParamsSchema = z.object({
	level: z.enum(AFFINITY_LEVELS).default('product'),
	segment: segmentKey.default('all'),
	min_orders: z.coerce.number().int().min(1).max(1_000_000).default(DEFAULT_MIN_ORDERS),
	sort: z.enum(AFFINITY_SORTS).default('lift'),
	limit: z.coerce.number().int().min(1).max(1000).default(100)
});
export type AffinityParams = z.infer<typeof affinityParamsSchema>;

/** GET /api/affinity/customers: one pair's customers who bought A and not B. */
export const pairParamsSchema = z.object({
	level: z.enum(AFFINITY_LEVELS).default('product'),
	a: item,
	b: item
});
