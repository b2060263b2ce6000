import type { Database } from '../db';
import type { CustomerListParams } from '../customers/list-params';
import { listCustomers } from '../customers/search';
import { LIMITS, type Rule } from './rule';
import { saveList, type SavedList } from './saved';

/**
 * The rule of a chart element's customer list, when every part of its selection is a field of customer_features
 * (an R×F cell: r_score = r AND f_score = f; a segment; a lifecycle stage); null when a part is not (a search, a
 * cohort cell, a funnel step, a dashboard filter), which only a snapshot of ids can keep.
 */
export function ruleOfList(p: CustomerListParams): Rule | null {
	const { r, f, segment, lifecycle, ...rest } = p;
	const others = Object.entries(rest).filter(
		([k, v]) =>
			v !== undefined && !['sort', 'dir', 'page', 'page_size', 'contact', 'period', 'mode'].includes(k)
	);
	if (others.length) return null;
	const and: Rule[] = [];
	if (r !== undefined) and.push({ field: 'r_score', op: '=', value: r });
	if (f !== undefined) and.push({ field: 'f_score', op: '=', value: f });
	if (segment) and.push({ field: 'rfm_segment', op: '=', value: segment });
	if (lifecycle) and.push({ field: 'lifecycle_stage', op: '=', value: lifecycle });
	return and.length ? { and } : null;
}

/**
 * Saves the customers of a list that a chart led to (an R×F cell, a segment, a lifecycle stage, a cohort cell, a
 * funnel step, a search) as a list. By default the element's rule (ruleOfList), a living list whose members follow
 * the data at each refresh; with `snapshot`, or when the selection has no rule, a fixed list of their ids as the
 * list showed them at this moment. Every chart's click-through lands on such a list, so this one function makes
 * every chart element savable.
 */
export async function saveCustomersAsList(
	db: Database,
	params: CustomerListParams,
	input: { name: string; description?: string; snapshot?: boolean }
): Promise<{ list: SavedList; customers: number }> {
	const description = input.description?.trim() || `saved from the customer list: ${describeList(params)}`;
	const living = input.snapshot ? null : ruleOfList(params);
	if (living) {
		const members = await listCustomers(db, { ...params, contact: false, page: 1, page_size: 1 });
		if (members.total === 0) throw new Error('this list has no customers; nothing to save');
		const list = await saveList(db, { name: input.name, description, rule: living, kind: 'rule' });
		return { list, customers: members.total };
	}
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
				'Build the list from a rule in Lists instead'
		);
	}
	const ids = all.rows.map((r) => r.customer_id).sort();
	const rule: Rule = { field: 'customer_id', op: 'in', value: ids };
	const list = await saveList(db, { name: input.name, description, rule, kind: 'snapshot' });
	return { list, customers: ids.length };
}

/** The list's selection in words, for the saved list's description. */
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
