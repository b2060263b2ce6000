import { appDb } from '$lib/server/app-db';
import { rowsResponse } from '$lib/server/api/respond';
import { rfmSegmentDefinitions, type SegmentName } from '$lib/server/metrics/segments';
import type { RequestHandler } from './$types';

/**
 * GET /api/segment-names: the configured RFM segments (key and names, in evaluation order) without counting their
 * customers, for choices such as the filter bar's; 'others' (customers no segment's ranges hold) comes last, as in
 * /api/segments.
 */
export const GET: RequestHandler = async ({ url }) => {
	const defs = await rfmSegmentDefinitions(await appDb());
	const rows = defs.map((d): SegmentName => ({
		segment: d.key,
		name_en: d.name_en,
		name_vi: d.name_vi,
		priority: d.priority
	}));
	const last = Math.max(0, ...defs.map((d) => d.priority)) + 1;
	rows.push({ segment: 'others', name_en: 'Others', name_vi: 'Khác', priority: last });
	return rowsResponse(url, rows);
};
