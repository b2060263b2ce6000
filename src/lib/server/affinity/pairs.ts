import type { Database } from '../db';
import { entryState } from '../derived/registry';
import { STORED_MIN_ORDERS } from './build';

export const AFFINITY_LEVELS = ['product', 'category'] as const;
export type AffinityLevel = (typeof AFFINITY_LEVELS)[number];
export const AFFINITY_SORTS = ['lift', 'support', 'confidence', 'orders', 'chi_square'] as const;
export type AffinitySort = (typeof AFFINITY_SORTS)[number];

/** One pair of items A < B of one level, at order level, in the whole base ('all') or one RFM segment. */
export interface AffinityPair {
	level: AffinityLevel;
	segment: string;
	item_a: string;
	/** The product's name in the data (NULL for categories and unnamed codes). */
	name_a: string | null;
	item_b: string;
	name_b: string | null;
	/** orders with both */
	orders_ab: number;
	orders_a: number;
	orders_b: number;
	/** orders of the segment (the whole base for 'all') */
	orders_total: number;
	support: number;
	/** P(B | A) */
	confidence_ab: number;
	/** P(A | B) */
	confidence_ba: number;
	lift: number;
	/** Pearson's chi-square of the 2x2 table (1 df; > 3.84: significant at 5%) */
	chi_square: number | null;
}

export interface AffinityQuery {
	level?: AffinityLevel;
	/** 'all' (default) or an RFM segment key */
	segment?: string;
	/** least orders with both (default 10; the stored table keeps pairs of STORED_MIN_ORDERS or more) */
	minOrders?: number;
	sort?: AffinitySort;
	limit?: number;
}

export const DEFAULT_MIN_ORDERS = 10;

/** Whether the stored pairs answer for the data (else the last build's pairs are shown, see the registry). */
export async function affinityBuilt(db: Database): Promise<{ usable: boolean; builtAt: string | null }> {
	const e = await entryState(db, 'affinity');
	return { usable: e.usable, builtAt: e.builtAt };
}

/** The strongest pairs of one level and segment (queries/affinity_pairs.sql). */
export async function affinityPairs(db: Database, q: AffinityQuery = {}): Promise<AffinityPair[]> {
	return db.query<AffinityPair>('affinity_pairs', {
		level: q.level ?? 'product',
		segment: q.segment ?? 'all',
		min_orders: Math.max(q.minOrders ?? DEFAULT_MIN_ORDERS, STORED_MIN_ORDERS),
		sort: q.sort ?? 'lift',
		limit: q.limit ?? 100
	});
}

/** An item bought by many customers of a segment (queries/affinity_top_items.sql). */
export interface TopItem {
	item: string;
	name: string | null;
	orders: number;
	customers: number;
	customers_total: number;
	buyer_share: number | null;
}

export function topItems(
	db: Database,
	level: AffinityLevel,
	segment = 'all',
	limit = 10
): Promise<TopItem[]> {
	return db.query<TopItem>('affinity_top_items', { level, segment, limit });
}
