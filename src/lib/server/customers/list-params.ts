import { z } from 'zod';
import { filtersSchema } from '../metrics/filters';
import { dotted, issueText } from '../issues';

/**
 * The query string of /customers and /api/customers: a text search and the customer lists that charts link to.
 *   q            text: id, name (with or without Vietnamese accents), email, or phone in any common writing
 *   r, f         RFM recency / frequency score (the RFM grid's cell)
 *   segment      RFM segment key (segment bars, segment table)
 *   lifecycle    lifecycle stage (lifecycle charts)
 *   cohort       'YYYY-MM-DD' (or 'YYYY-MM') inside the cohort's first period; period = week|month|quarter|year
 *                (default month); k = periods since the cohort: the heatmap cell, customers who bought in that
 *                period (mode=on, default) or in it or later (mode=on_or_after)
 *   funnel_step  any_interaction | engaged | first_purchase | repeat_purchase | loyal: the journey funnel's step
 *                (each step includes every earlier one, as the funnel counts), over customers first seen in
 *                from..to when given
 *   region, country, channel, acquisition_channel   the dashboard's filters, carried over
 *   sort, dir    net_revenue | orders | recency_days | predicted_clv | p_alive | customer_id; asc | desc
 *   page         1-based page (page_size rows each, default 50, at most 200)
 *   contact      '1' shows names, emails and phones in the list (otherwise masked)
 */
export const SORT_KEYS = [
	'net_revenue',
	'orders',
	'recency_days',
	'predicted_clv',
	'p_alive',
	'customer_id'
] as const;
/** The steps of the journey funnel (src/lib/server/metrics/funnel.ts FUNNEL_STAGES). */
export const FUNNEL_STEPS = [
	'any_interaction',
	'engaged',
	'first_purchase',
	'repeat_purchase',
	'loyal'
] as const;
export const COHORT_MODES = ['on', 'on_or_after'] as const;
export const COHORT_PERIODS = ['week', 'month', 'quarter', 'year'] as const;

const score = z.coerce.number().int().min(1).max(5);

export const customerListSchema = filtersSchema
	.pick({
		region: true,
		country: true,
		channel: true,
		acquisition_channel: true,
		segment: true,
		lifecycle: true
	})
	.extend({
		q: z.string().max(200).optional(),
		r: score.optional(),
		f: score.optional(),
		cohort: z
			.string()
			.regex(/^\d{4}-\d{2}(-\d{2})?$/, 'expected a date as YYYY-MM-DD')
			.transform((s) => (s.length === 7 ? `${s}-01` : s))
			.optional(),
		period: z.enum(COHORT_PERIODS).default('month'),
		k: z.coerce.number().int().min(0).max(1000).optional(),
		mode: z.enum(COHORT_MODES).default('on'),
		from: filtersSchema.shape.from,
		to: filtersSchema.shape.to,
		funnel_step: z.enum(FUNNEL_STEPS).optional(),
		sort: z.enum(SORT_KEYS).default('net_revenue'),
		dir: z.enum(['asc', 'desc']).default('desc'),
		page: z.coerce.number().int().min(1).max(1_000_000).default(1),
		page_size: z.coerce.number().int().min(1).max(200).default(50),
		contact: z
			.enum(['0', '1', 'true', 'false'])
			.transform((v) => v === '1' || v === 'true')
			.default(false)
	});

export type CustomerListParams = z.infer<typeof customerListSchema>;

/** Parses a plain object (e.g. URLSearchParams entries) into list parameters, or throws with the bad field. */
export function parseCustomerList(raw: Record<string, string>): CustomerListParams {
	const parsed = customerListSchema.safeParse(raw);
	if (!parsed.success) {
		throw new Error(issueText(parsed.error, dotted('query')));
	}
	return parsed.data;
}
