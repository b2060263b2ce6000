import { apiUrl } from '$lib/api';
import { appDb } from '$lib/server/app-db';
import { databaseCounts } from '$lib/server/overview';
import { GOAL_KPIS, goalsStatus } from '$lib/server/goals';
import type { PageServerLoad } from './$types';
import { _streamParams } from './+page';
import { isKept, perRefresh } from '$lib/server/derived/cache';

export const load: PageServerLoad = async ({ url }) => {
	const db = await appDb();
	const streams = _streamParams(url);
	const [goals, counts, clv, mix] = await Promise.all([
		// goals change without a refresh (a person adds one): read each time, from the KPI rollups
		goalsStatus(db),
		// counts over every interaction (seconds at 10M): kept until the data changes
		perRefresh('page:database-counts', db, () => databaseCounts(db)),
		isKept(apiUrl('clv-summary', streams.clv), db),
		isKept(apiUrl('segment-mix', streams.mix), db)
	]);
	return {
		goals: goals.map((g) => ({
			id: g.goal_id,
			kpi: g.kpi,
			unit: GOAL_KPIS[g.kpi].unit,
			target: g.target,
			deadline: g.deadline,
			actual: g.pacing.actual,
			status: g.pacing.status
		})),
		counts,
		kept: { clv, mix }
	};
};
