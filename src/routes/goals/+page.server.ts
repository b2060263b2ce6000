import { appDb } from '$lib/server/app-db';
import { defaultPeriodContext } from '$lib/server/metrics';
import { savedLists } from '$lib/server/lists/saved';
import { listAlerts } from '$lib/server/alerts';
import {
	GOAL_GRAINS,
	GOAL_KPIS,
	GOAL_KPI_KEYS,
	goalsStatus,
	kpiHistory,
	scopeSchema,
	type GoalGrain,
	type GoalKpi
} from '$lib/server/goals';
import type { PageServerLoad } from './$types';

const SCOPE_KEYS = ['region', 'country', 'channel', 'acquisition_channel', 'segment'] as const;

/**
 * The Goals page: every goal with its pacing, and for the form (its KPI, grain and scope in the URL: ?kpi=&grain=&
 * region=...) the KPI's baseline and historical range in that scope. A bad parameter falls back to the default.
 */
export const load: PageServerLoad = async ({ url, depends }) => {
	depends('app:goals');
	const db = await appDb();
	const q = url.searchParams;
	const kpi: GoalKpi = (GOAL_KPI_KEYS as string[]).includes(q.get('kpi') ?? '')
		? (q.get('kpi') as GoalKpi)
		: 'retention_rate';
	const grain: GoalGrain = (GOAL_GRAINS as readonly string[]).includes(q.get('grain') ?? '')
		? (q.get('grain') as GoalGrain)
		: 'month';
	const parsed = scopeSchema.safeParse(
		Object.fromEntries(SCOPE_KEYS.filter((k) => q.get(k)).map((k) => [k, q.get(k)]))
	);
	const scope = parsed.success ? parsed.data : {};
	const [goals, history, ctx, saved, alerts] = await Promise.all([
		goalsStatus(db),
		kpiHistory(db, kpi, grain, scope),
		defaultPeriodContext(db),
		savedLists(db),
		listAlerts(db, 20)
	]);
	return {
		asOf: ctx.asOf,
		goals,
		alerts,
		history,
		lists: saved.map((l) => l.name),
		form: { kpi, grain, scope },
		kpis: GOAL_KPI_KEYS.map((k) => ({ key: k, ...GOAL_KPIS[k] })),
		grains: [...GOAL_GRAINS],
		filterFields: [...SCOPE_KEYS]
	};
};
