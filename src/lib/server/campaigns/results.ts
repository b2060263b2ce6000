import { loadQuery, type Database } from '../db';
import { minimumDetectableDifference } from '../stats/detectable';
import { binaryMoments, stratifiedDifference } from '../stats/stratified';
import { momentsFromSums, type GroupMoments } from '../stats/welch';
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
	stratum: string;
	treated: boolean;
	customers: number;
	converters: number;
	orders: number;
	orders_sq: number;
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

function toGroup(rows: GroupRow[], group: GroupResult['group']): GroupResult {
	const mine = rows.filter((r) => r.treated === (group === 'treated'));
	const sum = (f: (r: GroupRow) => number) => mine.reduce((s, r) => s + f(r), 0);
	const n = sum((r) => r.customers);
	const converters = sum((r) => r.converters);
	const revenue = sum((r) => r.revenue);
	return {
		group,
		customers: n,
		converters,
		conversionRate: n ? converters / n : null,
		orders: sum((r) => r.orders),
		revenue,
		revenuePerCustomer: n ? revenue / n : null
	};
}

/** The stratum × group rows as strata of one outcome's moments. */
function strataOf(rows: GroupRow[], moments: (r: GroupRow | undefined) => GroupMoments) {
	const names = [...new Set(rows.map((r) => r.stratum))];
	return names.map((s) => ({
		treated: moments(rows.find((r) => r.stratum === s && r.treated)),
		control: moments(rows.find((r) => r.stratum === s && !r.treated))
	}));
}

/**
 * The lift of treated over control. The draw is stratified by RFM segment, so the estimates are too: each
 * segment's difference weighted by its size (stats/stratified.ts), which removes the between-segment variance
 * that an unstratified interval would count (and be too wide with).
 */
export function liftOf(c: Campaign, rows: GroupRow[], days: number): CampaignLift {
	const treated = toGroup(rows, 'treated');
	const control = toGroup(rows, 'control');
	if (treated.customers < 2 || control.customers < 2) return emptyLift(c, 'no_groups', days);
	if (days === 0) return emptyLift(c, 'not_started', days);
	const conv = stratifiedDifference(
		strataOf(rows, (r) => binaryMoments(r?.converters ?? 0, r?.customers ?? 0))
	);
	const rev = stratifiedDifference(
		strataOf(rows, (r) => momentsFromSums(r?.customers ?? 0, r?.revenue ?? 0, r?.revenue_sq ?? 0))
	);
	const orders = stratifiedDifference(
		strataOf(rows, (r) => momentsFromSums(r?.customers ?? 0, r?.orders ?? 0, r?.orders_sq ?? 0))
	);
	if (!conv || !rev || !orders) return emptyLift(c, 'no_groups', days);
	const verdict: Verdict = conv.ci.low > 0 ? 'positive' : conv.ci.high < 0 ? 'negative' : 'none';
	const base = (treated.converters + control.converters) / (treated.customers + control.customers);
	return {
		campaignId: c.campaignId,
		verdict,
		observedDays: days,
		windowDays: c.windowDays,
		conversionLift: conv.difference,
		conversionLiftLow: conv.ci.low,
		conversionLiftHigh: conv.ci.high,
		relativeLift: conv.relative,
		relativeLiftLow: conv.relativeCi?.low ?? null,
		relativeLiftHigh: conv.relativeCi?.high ?? null,
		pValue: conv.pValue,
		revenueLift: rev.difference,
		revenueLiftLow: rev.ci.low,
		revenueLiftHigh: rev.ci.high,
		revenuePValue: rev.pValue,
		incrementalOrders: treated.customers * orders.difference,
		incrementalRevenue: treated.customers * rev.difference,
		incrementalRevenueLow: treated.customers * rev.ci.low,
		incrementalRevenueHigh: treated.customers * rev.ci.high,
		minimumDetectableLift: minimumDetectableDifference(base, treated.customers, control.customers)
	};
}

/** One row of results_groups.sql: a stratum × group × first purchase day. */
type ResponseRow = {
	stratum: string;
	treated: boolean;
	first_day: number | null;
	customers: number;
	orders: number;
	orders_sq: number;
	revenue: number;
	revenue_sq: number;
};

/** The stratum × group sums (converters = the customers with a first purchase day). */
function groupRows(rows: ResponseRow[]): GroupRow[] {
	const byKey = new Map<string, GroupRow>();
	for (const r of rows) {
		const key = `${r.treated}\u0000${r.stratum}`;
		const g = byKey.get(key) ?? {
			stratum: r.stratum,
			treated: r.treated,
			customers: 0,
			converters: 0,
			orders: 0,
			orders_sq: 0,
			revenue: 0,
			revenue_sq: 0
		};
		g.customers += r.customers;
		if (r.first_day !== null) g.converters += r.customers;
		g.orders += r.orders;
		g.orders_sq += r.orders_sq;
		g.revenue += r.revenue;
		g.revenue_sq += r.revenue_sq;
		byKey.set(key, g);
	}
	return [...byKey.values()];
}

/** Cumulative conversion of each group on days 0 .. days - 1 of the window. */
function dailyConversion(rows: ResponseRow[], groups: GroupResult[], days: number): DailyConversion[] {
	const firsts = (treated: boolean) => {
		const counts = new Array<number>(days).fill(0);
		for (const r of rows) {
			if (r.treated === treated && r.first_day !== null && r.first_day < days)
				counts[r.first_day]! += r.customers;
		}
		return counts;
	};
	const [t, c] = [firsts(true), firsts(false)];
	const nT = groups.find((g) => g.group === 'treated')?.customers ?? 0;
	const nC = groups.find((g) => g.group === 'control')?.customers ?? 0;
	let cumT = 0;
	let cumC = 0;
	return t.map((x, day) => {
		cumT += x;
		cumC += c[day]!;
		return { day, treatedRate: nT ? cumT / nT : 0, controlRate: nC ? cumC / nC : 0 };
	});
}

/** Results of a campaign over its response window (what the data holds of it so far): one query. */
export async function campaignResults(db: Database, id: number): Promise<CampaignResults> {
	const campaign = await getCampaign(db, id);
	if (!campaign.launchedAt) {
		return { campaign, lift: emptyLift(campaign, 'not_launched', 0), groups: [], daily: [] };
	}
	const days = await observedDays(db, campaign);
	const responses = await db.sql<ResponseRow>(responsesQuery('results_groups'), {
		campaign_id: id,
		send_date: campaign.sendDate,
		window_days: campaign.windowDays
	});
	const rows = groupRows(responses);
	const groups = [toGroup(rows, 'treated'), toGroup(rows, 'control')];
	return {
		campaign,
		lift: liftOf(campaign, rows, days),
		groups,
		daily: dailyConversion(responses, groups, days)
	};
}
