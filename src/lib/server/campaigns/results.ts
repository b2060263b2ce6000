import { loadQuery, type Database } from '../db';
import { minimumDetectableDifference } from '../stats/detectable';
import { twoProportionLift } from '../stats/two-proportions';
import { momentsFromSums, welchDifference } from '../stats/welch';
import { getCampaign, type Campaign } from './campaigns';

/** One group's figures over the response window. */
export interface GroupResult {
	group: 'treated' | 'control';
	customers: number;
	converters: number;
	conversionRate: number | null;
	orders: number;
	revenue: number;
	revenuePerCustomer: number | null;
}

/** One day of the window: cumulative conversion of each group. */
export interface DailyConversion {
	day: number;
	treatedRate: number;
	controlRate: number;
}

/**
 * What the figures say: a lift whose 95% interval is above 0 (positive) or below (negative), none detectable
 * yet, or nothing to compare (not launched, a group empty, the window not begun).
 */
export const VERDICTS = ['positive', 'negative', 'none', 'not_launched', 'no_groups', 'not_started'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The lift of one launched campaign: a flat row (every figure null when there is nothing to compare). */
export interface CampaignLift {
	campaignId: number;
	verdict: Verdict;
	/** days of the response window covered by the data so far (0 .. windowDays) */
	observedDays: number;
	windowDays: number;
	/** conversion rate treated minus control, 0..1 points, with its 95% interval and the pooled test's p-value */
	conversionLift: number | null;
	conversionLiftLow: number | null;
	conversionLiftHigh: number | null;
	/** relative lift of the conversion rate (treated / control - 1) and its 95% interval */
	relativeLift: number | null;
	relativeLiftLow: number | null;
	relativeLiftHigh: number | null;
	pValue: number | null;
	/** revenue per customer treated minus control (Welch), with its 95% interval and p-value */
	revenueLift: number | null;
	revenueLiftLow: number | null;
	revenueLiftHigh: number | null;
	revenuePValue: number | null;
	/** treated customers × the per-customer difference: what the campaign added (orders, revenue) */
	incrementalOrders: number | null;
	incrementalRevenue: number | null;
	incrementalRevenueLow: number | null;
	incrementalRevenueHigh: number | null;
	/** the smallest conversion lift (absolute, 0..1) these group sizes detect at 5% level with 80% power */
	minimumDetectableLift: number | null;
}

export interface CampaignResults {
	campaign: Campaign;
	lift: CampaignLift;
	groups: GroupResult[];
	daily: DailyConversion[];
}

type GroupRow = {
	treated: boolean;
	customers: number;
	converters: number;
	orders: number;
	revenue: number;
	revenue_sq: number;
};

function responsesQuery(name: string): string {
	return loadQuery(`campaigns/${name}`).replace('{{responses}}', loadQuery('campaigns/responses'));
}

/** Days of the window the data covers: from the send date to the last interaction day. */
async function observedDays(db: Database, c: Campaign): Promise<number> {
	const rows = await db.sql<{ days: number | null }>(
		`SELECT date_diff('day', $send::DATE, max(occurred_at)::DATE) + 1 AS days FROM interactions`,
		{ send: c.sendDate }
	);
	return Math.max(0, Math.min(c.windowDays, Number(rows[0]?.days ?? 0)));
}

function emptyLift(c: Campaign, verdict: Verdict, days: number): CampaignLift {
	return {
		campaignId: c.campaignId,
		verdict,
		observedDays: days,
		windowDays: c.windowDays,
		conversionLift: null,
		conversionLiftLow: null,
		conversionLiftHigh: null,
		relativeLift: null,
		relativeLiftLow: null,
		relativeLiftHigh: null,
		pValue: null,
		revenueLift: null,
		revenueLiftLow: null,
		revenueLiftHigh: null,
		revenuePValue: null,
		incrementalOrders: null,
		incrementalRevenue: null,
		incrementalRevenueLow: null,
		incrementalRevenueHigh: null,
		minimumDetectableLift: null
	};
}

function toGroup(r: GroupRow | undefined, group: GroupResult['group']): GroupResult {
	const n = r?.customers ?? 0;
	return {
		group,
		customers: n,
		converters: r?.converters ?? 0,
		conversionRate: n ? (r?.converters ?? 0) / n : null,
		orders: r?.orders ?? 0,
		revenue: r?.revenue ?? 0,
		revenuePerCustomer: n ? (r?.revenue ?? 0) / n : null
	};
}

/** The lift of treated over control, computed from the two groups' sums (stats/ holds the formulas). */
export function liftOf(c: Campaign, rows: GroupRow[], days: number): CampaignLift {
	const t = rows.find((r) => r.treated);
	const k = rows.find((r) => !r.treated);
	if (!t || !k || t.customers < 2 || k.customers < 2) return emptyLift(c, 'no_groups', days);
	if (days === 0) return emptyLift(c, 'not_started', days);
	const conv = twoProportionLift(t.converters, t.customers, k.converters, k.customers);
	const rev = welchDifference(
		momentsFromSums(t.customers, t.revenue, t.revenue_sq),
		momentsFromSums(k.customers, k.revenue, k.revenue_sq)
	);
	const verdict: Verdict =
		conv.differenceCi.low > 0 ? 'positive' : conv.differenceCi.high < 0 ? 'negative' : 'none';
	const base = (t.converters + k.converters) / (t.customers + k.customers);
	return {
		campaignId: c.campaignId,
		verdict,
		observedDays: days,
		windowDays: c.windowDays,
		conversionLift: conv.difference,
		conversionLiftLow: conv.differenceCi.low,
		conversionLiftHigh: conv.differenceCi.high,
		relativeLift: conv.relative,
		relativeLiftLow: conv.relativeCi?.low ?? null,
		relativeLiftHigh: conv.relativeCi?.high ?? null,
		pValue: conv.pValue,
		revenueLift: rev.difference,
		revenueLiftLow: rev.ci.low,
		revenueLiftHigh: rev.ci.high,
		revenuePValue: rev.pValue,
		incrementalOrders: t.customers * (t.orders / t.customers - k.orders / k.customers),
		incrementalRevenue: t.customers * rev.difference,
		incrementalRevenueLow: t.customers * rev.ci.low,
		incrementalRevenueHigh: t.customers * rev.ci.high,
		minimumDetectableLift: minimumDetectableDifference(base, t.customers, k.customers)
	};
}

/** Results of a campaign over its response window (what the data holds of it so far). */
export async function campaignResults(db: Database, id: number): Promise<CampaignResults> {
	const campaign = await getCampaign(db, id);
	if (!campaign.launchedAt) {
		return { campaign, lift: emptyLift(campaign, 'not_launched', 0), groups: [], daily: [] };
	}
	const days = await observedDays(db, campaign);
	const rows = await db.sql<GroupRow>(responsesQuery('results_groups'), { campaign_id: id });
	const daily = await db.sql<{ treated: boolean; day: number; rate: number }>(
		responsesQuery('results_daily'),
		{
			campaign_id: id,
			days
		}
	);
	const byDay = new Map<number, DailyConversion>();
	for (const r of daily) {
		const d = byDay.get(r.day) ?? { day: r.day, treatedRate: 0, controlRate: 0 };
		if (r.treated) d.treatedRate = r.rate;
		else d.controlRate = r.rate;
		byDay.set(r.day, d);
	}
	return {
		campaign,
		lift: liftOf(campaign, rows, days),
		groups: [
			toGroup(
				rows.find((r) => r.treated),
				'treated'
			),
			toGroup(
				rows.find((r) => !r.treated),
				'control'
			)
		],
		daily: [...byDay.values()].sort((a, b) => a.day - b.day)
	};
}
