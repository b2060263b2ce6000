import { api, snapshotParams } from '$lib/api';
import type { PageLoad } from './$types';

const GRID_MODES = ['customers', 'revenue', 'monetary'] as const;
const SIZE_MODES = ['customers', 'revenue'] as const;

/** The RFM grid, the segment summary and the distributions; modes (grid colour, treemap size) live in the URL. */
export const load: PageLoad = async ({ data, fetch, url }) => {
	const params = snapshotParams(url);
	const grid = url.searchParams.get('grid');
	const size = url.searchParams.get('size');
	// five binned distributions over every customer take seconds at 1M customers the first time after a refresh (the
	// server then keeps them): not awaited then, so the page is shown first and they fill in; awaited when the server
	// already keeps them (data.kept: milliseconds, and they are in the server-rendered page)
	const distributionsLoad = api.distribution(fetch, params);
	const [rfmGrid, segments, distributions] = await Promise.all([
		api.rfmGrid(fetch, params),
		api.segments(fetch, params),
		data.kept.distributions ? distributionsLoad : undefined
	]);
	return {
		rfmGrid,
		segments,
		distributions: distributions ?? distributionsLoad,
		gridMode: (GRID_MODES as readonly string[]).includes(grid ?? '')
			? (grid as (typeof GRID_MODES)[number])
			: 'customers',
		sizeMode: (SIZE_MODES as readonly string[]).includes(size ?? '')
			? (size as (typeof SIZE_MODES)[number])
			: 'customers',
		filterFields: ['from', 'to', 'region', 'country', 'channel', 'acquisition_channel'] as const
	};
};
