import { api } from '$lib/api';
import type { DimensionChoice, FilterOptions } from '$lib/components/url';
import type { LayoutLoad } from './$types';

/**
 * The choices of the filter bar: regions, countries, channels and acquisition channels with their customer counts
 * from /api/dimensions, segments (with their names in both languages) from /api/segment-names. A list that cannot
 * be loaded becomes a free-text input; a dimension without values in the data is hidden.
 */
export const load: LayoutLoad = async ({ data, fetch }) => {
	const [dims, segments] = await Promise.all([api.dimensions(fetch), api.segmentNames(fetch)]);
	const rows = dims.data;
	const values = (d: string): DimensionChoice[] | null =>
		rows
			? rows.filter((r) => r.dimension === d).map((r) => ({ value: r.value, customers: Number(r.customers) }))
			: null;
	const filterOptions: FilterOptions = {
		regions: values('region'),
		countries: values('country'),
		channels: values('channel'),
		acquisitionChannels: values('acquisition_channel'),
		segments: (segments.data ?? []).map((s) => ({
			key: s.segment,
			label: (data.lang === 'vi' ? s.name_vi : s.name_en) ?? s.segment
		}))
	};
	return { ...data, filterOptions };
};
