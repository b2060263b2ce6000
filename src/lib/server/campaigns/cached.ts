import type { Database } from '../db';
import { perRefresh } from '../derived/cache';
import { getCampaign } from './campaigns';
import { campaignResults, type CampaignResults } from './results';

/**
 * campaignResults kept in the one answer cache: per data version, and per launch (a launch writes no source or
 * derived table, so the launch time is part of the key).
 */
export async function cachedCampaignResults(db: Database, id: number): Promise<CampaignResults> {
	const c = await getCampaign(db, id);
	return perRefresh(`campaign-results:${id}:${c.launchedAt ?? 'draft'}`, db, () => campaignResults(db, id));
}
