import { allowedDates, dateProblem } from '$lib/server/api/bounds';
import { addDays } from '$lib/server/dates';
import { appDb } from '$lib/server/app-db';
import { metricsState } from '$lib/server/metrics/summary';
import { MIGRATION_DIMENSIONS, migrationParamsSchema, segmentMigration } from '$lib/server/metrics/migration';
import type { PageServerLoad } from './$types';
import { perRefresh } from '$lib/server/derived/cache';
import { issueText, messageOnly } from '$lib/server/issues';

/**
 * /migration?from=&to=&dimension=: flows between segments at two as-of dates. Defaults: the latest as-of date and
 * 180 days before it.
 */
export const load: PageServerLoad = async ({ url }) => {
	const db = await appDb();
	const segments = await db.sql<{ key: string; name_en: string; name_vi: string; priority: number }>(
		'SELECT key, name_en, name_vi, priority FROM rfm_segments ORDER BY priority'
	);
	const latest = (await metricsState(db)).as_of ?? new Date().toISOString().slice(0, 10);
	const dimensionRaw = url.searchParams.get('dimension');
	const input = {
		from: url.searchParams.get('from') ?? addDays(latest, -180),
		to: url.searchParams.get('to') ?? latest,
		dimension: (MIGRATION_DIMENSIONS as readonly string[]).includes(dimensionRaw ?? '')
			? dimensionRaw!
			: 'rfm_segment'
	};
	const parsed = migrationParamsSchema.safeParse(input);
	const range = await allowedDates(db);
	const outOfRange = [dateProblem('from', input.from, range), dateProblem('to', input.to, range)].filter(
		Boolean
	);
	if (!parsed.success || outOfRange.length) {
		return {
			...input,
			flows: [],
			segments,
			error: parsed.success ? outOfRange.join('; ') : issueText(parsed.error, messageOnly),
			filterFields: [] as never[]
		};
	}
	return {
		...parsed.data,
		// two as-of dates scored on the fly: kept until the data changes, like the metric endpoints' answers
		flows: await perRefresh(url, db, () => segmentMigration(db, parsed.data)),
		segments,
		error: null,
		filterFields: [] as never[]
	};
};
