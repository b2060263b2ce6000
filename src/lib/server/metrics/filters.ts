import { z } from 'zod';
import { calendarDate } from '../dates';
import { GRAINS, LIFECYCLE_STAGES, type Grain } from '../../filters';

export { GRAINS, LIFECYCLE_STAGES, type Grain };

/**
 * The filters every metric accepts (their keys, grains and stages are declared once in src/lib/filters.ts). They reach SQL only as bound named parameters ($from, $to, $as_of, $region,
 * $country, $channel, $acquisition_channel, $segment, $lifecycle); a NULL parameter means "no filter". Each query
 * uses the names it needs (Session passes only the names a statement contains). Region (province / city) and country
 * are separate dimensions: a file may have either, both or neither.
 */
const label = z.string().trim().min(1).max(200);

export const filtersSchema = z.object({
	from: calendarDate.optional(),
	to: calendarDate.optional(),
	as_of: calendarDate.optional(),
	region: label.optional(),
	country: label.optional(),
	channel: label.optional(),
	acquisition_channel: label.optional(),
	segment: label.optional(),
	lifecycle: z.enum(LIFECYCLE_STAGES).optional()
});
export type Filters = z.infer<typeof filtersSchema>;

/** The filters as named parameters, every one present (NULL = not filtered). */
export function filterParams(f: Filters): Record<string, string | null> {
	return {
		from: f.from ?? null,
		to: f.to ?? null,
		as_of: f.as_of ?? null,
		region: f.region ?? null,
		country: f.country ?? null,
		channel: f.channel?.toLowerCase() ?? null,
		acquisition_channel: f.acquisition_channel?.toLowerCase() ?? null,
		segment: f.segment ?? null,
		lifecycle: f.lifecycle ?? null
	};
}
