import type { Lang } from '../../i18n/format';
import { catalogs } from '../../i18n/catalog';
import type { Database } from '../db';
import { rfmSegmentDefinitions } from '../metrics/segments';

/**
 * The names people read for the codes a category field holds (`at_risk` -> "At risk" / "Có nguy cơ"), in both
 * languages: RFM segments from table rfm_segments (rfm_segment_definitions.sql), the other codes from the message
 * catalogue (the same texts the customer pages show). The builder's choices and the exports read them here.
 * The catalogue is imported without $lib/i18n (which reads the page's state) so that the `crm` command can use it.
 */
export type Names = { en: string; vi: string };

/** Per category field, the message key prefix of its codes; the RFM segment comes from the database. */
const MESSAGE_PREFIX: Record<string, string> = {
	lifecycle_stage: 'lifecycle.',
	churn_band: 'churn.',
	last_interaction_type: 'type.',
	gender: 'customer.gender.',
	acquisition_channel: 'channel.',
	channels_used: 'channel.'
};

/** The fields whose codes have names (and so an extra `<field>_code` column in an export). */
export const NAMED_FIELDS = ['rfm_segment', ...Object.keys(MESSAGE_PREFIX)] as const;

/** Customers no segment's ranges hold (as /api/segment-names). */
export const OTHERS_SEGMENT: Names = { en: 'Others', vi: 'Khác' };

const messages = catalogs as Record<Lang, Record<string, string>>;

/** Looks up a code's names; a code without a name (a channel only this data has) is its own name. */
export type ValueNamer = (field: string, value: string) => Names | null;

export async function valueNamer(db: Database): Promise<ValueNamer> {
	const segments = new Map<string, Names>(
		(await rfmSegmentDefinitions(db)).map((d) => [d.key, { en: d.name_en, vi: d.name_vi }])
	);
	segments.set('others', OTHERS_SEGMENT);
	return (field, value) => {
		if (field === 'rfm_segment') return segments.get(value) ?? null;
		const prefix = MESSAGE_PREFIX[field];
		if (!prefix) return null;
		const en = messages.en[prefix + value];
		const vi = messages.vi[prefix + value];
		return en ? { en, vi: vi ?? en } : null;
	};
}
