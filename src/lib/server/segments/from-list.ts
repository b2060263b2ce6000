import type { Database } from '../db';
import type { CustomerListParams } from '../customers/list-params';
import { listCustomers } from '../customers/search';
import { LIMITS, type Rule } from './rule';
import { saveSegment, type SavedSegment } from './saved';

/**
 * Saves the customers of a list that a chart led to (an R×F cell, a segment, a lifecycle stage, a cohort cell, a
 * funnel step, a search) as a segment: a fixed list of their ids, as the list showed them at this moment. Every
 * chart's click-through lands on such a list, so this one function makes every chart element savable.
 */
export async function saveCustomerListAsSegment(
	db: Database,
	params: CustomerListParams,
	input: { name: string; description?: string }
): Promise<{ segment: SavedSegment; customers: number }> {
	const all = await listCustomers(db, {
		...params,
		contact: false,
		page: 1,
		page_size: LIMITS.listItems + 1
	});
	if (all.total === 0) throw new Error('this list has no customers; nothing to save');
	if (all.total > LIMITS.listItems) {
		throw new Error(
			`this list has ${all.total} customers; a saved list of ids holds at most ${LIMITS.listItems}. ` +
				'Build the segment from a rule in Lists instead'
		);
	}
	const ids = all.rows.map((r) => r.customer_id).sort();
	const rule: Rule = { field: 'customer_id', op: 'in', value: ids };
	const segment = await saveSegment(db, {
		name: input.name,
		description: input.description?.trim() || `saved from the customer list: ${describeList(params)}`,
		rule
	});
	return { segment, customers: ids.length };
}

/** The list's selection in words, for the saved segment's description. */
export function describeList(p: CustomerListParams): string {
	const parts: string[] = [];
	if (p.q) parts.push(`search "${p.q}"`);
	if (p.r !== undefined) parts.push(`R ${p.r}`);
	if (p.f !== undefined) parts.push(`F ${p.f}`);
	if (p.segment) parts.push(`segment ${p.segment}`);
	if (p.lifecycle) parts.push(`lifecycle ${p.lifecycle}`);
	if (p.cohort) {
		parts.push(`cohort ${p.period} of ${p.cohort}${p.k !== undefined ? `, ${p.mode} period +${p.k}` : ''}`);
	}
	if (p.funnel_step) parts.push(`funnel step ${p.funnel_step}`);
	if (p.region) parts.push(`region ${p.region}`);
	if (p.country) parts.push(`country ${p.country}`);
	if (p.channel) parts.push(`channel ${p.channel}`);
	if (p.acquisition_channel) parts.push(`acquired via ${p.acquisition_channel}`);
	if (p.from || p.to) parts.push(`${p.from ?? '…'} to ${p.to ?? '…'}`);
	return parts.length ? parts.join(', ') : 'all customers';
}
