import { api, ifAvailable, loadRows } from '$lib/api';
import type { FilterOptions } from '$lib/components/url';
import type { LayoutLoad } from './$types';

interface DimensionRow {
	dimension: string;
	value: string;
}

/**
 * The choices of the filter bar: regions, channels and acquisition channels from /api/dimensions, segments (with
 * their names in both languages) from /api/segment-names. A list that cannot be loaded becomes a free-text input.
 */
export const load: LayoutLoad = async ({ data, fetch }) => {
	const [dims, segments] = await Promise.all([
		ifAvailable(data.apiEndpoints, 'dimensions', () => loadRows<DimensionRow>(fetch, 'dimensions')),
		api.segmentNames(fetch)
	]);
	const rows = dims.data ?? [];
	const values = (d: string) => rows.filter((r) => r.dimension === d).map((r) => r.value);
	const filterOptions: FilterOptions = {
		regions: values('region'),
		channels: values('channel'),
		acquisitionChannels: values('acquisition_channel'),
		segments: (segments.data ?? []).map((s) => ({
			key: s.segment,
			label: (data.lang === 'vi' ? s.name_vi : s.name_en) ?? s.segment
		}))
	};
	return { ...data, filterOptions };
};
