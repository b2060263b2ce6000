import { appDb } from '$lib/server/app-db';
import { perRefresh } from '$lib/server/derived/cache';
import { issueText, messageOnly } from '$lib/server/issues';
import { affinityParamsSchema } from '$lib/server/affinity/params';
import { affinityPairs, topItems } from '$lib/server/affinity/pairs';
import type { PageServerLoad } from './$types';

/** /products?level=&segment=&min_orders=&sort=: the affinity table, its strongest pairs and the most bought items. */
export const load: PageServerLoad = async ({ url }) => {
	const db = await appDb();
	const segments = await db.sql<{ key: string; name_en: string; name_vi: string }>(
		'SELECT key, name_en, name_vi FROM rfm_segments ORDER BY priority'
	);
	const parsed = affinityParamsSchema.safeParse(Object.fromEntries(url.searchParams));
	const p = parsed.success ? parsed.data : affinityParamsSchema.parse({});
	const [pairs, items] = await perRefresh(url, db, () =>
		Promise.all([
			affinityPairs(db, {
				level: p.level,
				segment: p.segment,
				minOrders: p.min_orders,
				sort: p.sort,
				limit: 100
			}),
			topItems(db, p.level, p.segment, 10)
		])
	);
	return {
		...p,
		segments,
		pairs,
		items,
		error: parsed.success ? null : issueText(parsed.error, messageOnly),
		filterFields: [] as never[]
	};
};
