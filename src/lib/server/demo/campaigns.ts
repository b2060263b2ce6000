import { listValue } from '@duckdb/node-api';
import { createCampaign, launchCampaign, campaignResults, type CampaignChannel } from '../campaigns';
import type { Database } from '../db';
import { saveList } from '../lists/saved';
import type { Rule } from '../lists/rule';
import { DEMO_PARAMS } from './params';
import { Rng } from './random';

/**
 * Past campaigns with a known effect, added to a generated database on request (`crm demo --campaigns N`; see
 * datasets/README.md). Each campaign sends the list 'Demo: buyers before <first send date>' by email, launches it
 * (a seeded 10% holdout, stratified by RFM segment) and then adds the response the generator decides: every treated
 * member independently places one extra order with probability `effect`, on a uniform moment of the response
 * window, with a Gamma-Gamma order value (mean 600,000 VND). Control members get nothing added. So the true effect
 * is known exactly:
 *   incremental orders per treated member  = effect
 *   revenue per customer, treated - control = effect × 600,000 VND (in expectation)
 *   conversion rate, treated - control      = effect × (1 - o), o = the members' organic conversion rate in the
 *                                             window (the share who bought anyway; an extra order converts only
 *                                             the others), measured before the response is added.
 * The added rows are purchases on channel 'email' with source_file 'demo-campaigns' (they leave the default demo's
 * figures alone unless asked for).
 */
export interface DemoCampaignRequest {
	campaigns: number;
	/** Probability that a treated member places an extra order (0 = no effect). */
	effect: number;
	seed: number;
	windowDays?: number;
	holdoutShare?: number;
	channel?: CampaignChannel;
}

export interface DemoTrueEffect {
	extraOrderProbability: number;
	conversionLift: number;
	ordersPerTreated: number;
	revenuePerCustomer: number;
	organicConversion: number;
}

export interface DemoCampaign {
	campaignId: number;
	name: string;
	sendDate: string;
	treated: number;
	control: number;
	addedOrders: number;
	trueEffect: DemoTrueEffect;
}

export const DEMO_CAMPAIGN_SOURCE = 'demo-campaigns';
const MEAN_ORDER_VALUE =
	(DEMO_PARAMS.gammaGamma.p * DEMO_PARAMS.gammaGamma.gamma) / (DEMO_PARAMS.gammaGamma.q - 1);
/** Shape of the added orders' Gamma value distribution (the Gamma-Gamma order-value shape). */
const ORDER_SHAPE = DEMO_PARAMS.gammaGamma.p;

export async function addDemoCampaigns(db: Database, req: DemoCampaignRequest): Promise<DemoCampaign[]> {
	if (!Number.isInteger(req.campaigns) || req.campaigns < 1 || req.campaigns > 12) {
		throw new Error(`campaigns must be a whole number from 1 to 12, got ${req.campaigns}`);
	}
	if (!(req.effect >= 0 && req.effect <= 1)) throw new Error(`effect must be from 0 to 1, got ${req.effect}`);
	const windowDays = req.windowDays ?? 30;
	const last = (
		await db.sql<{ d: string | null }>(`SELECT strftime(max(occurred_at), '%Y-%m-%d') AS d FROM interactions`)
	)[0]?.d;
	if (!last) throw new Error('demo campaigns need the demo data first: run crm demo');
	const sendOf = (i: number) => addDays(last, -(windowDays + 1) - i * (windowDays + 15));
	const firstSend = sendOf(req.campaigns - 1);
	const rule: Rule = {
		and: [
			{ field: 'orders', op: '>=', value: 1 },
			{ field: 'first_purchase_at', op: 'before', value: firstSend }
		]
	};
	const list = await saveList(db, {
		name: `Demo: buyers before ${firstSend}`,
		description: "the demo campaigns' list",
		rule
	});
	const out: DemoCampaign[] = [];
	for (let i = req.campaigns - 1; i >= 0; i--) {
		const sendDate = sendOf(i);
		const created = await createCampaign(
			db,
			{
				name: `Demo campaign ${sendDate} (seed ${req.seed})`,
				list: list.name,
				channel: req.channel ?? 'email',
				sendDate,
				windowDays,
				holdoutShare: req.holdoutShare ?? 0.1,
				seed: req.seed * 100 + i
			},
			{ origin: 'demo' }
		);
		const launched = await launchCampaign(db, created.campaignId);
		const before = await campaignResults(db, launched.campaignId);
		const members = before.groups.reduce((s, g) => s + g.customers, 0);
		const organic = members ? before.groups.reduce((s, g) => s + g.converters, 0) / members : 0;
		const addedOrders = await addResponses(
			db,
			launched.campaignId,
			sendDate,
			windowDays,
			req.effect,
			new Rng(req.seed, 7_000 + i)
		);
		const trueEffect: DemoTrueEffect = {
			extraOrderProbability: req.effect,
			conversionLift: req.effect * (1 - organic),
			ordersPerTreated: req.effect,
			revenuePerCustomer: req.effect * MEAN_ORDER_VALUE,
			organicConversion: organic
		};
		await db.exec('UPDATE campaigns SET true_effect = $e::JSON WHERE campaign_id = $id::BIGINT', {
			e: JSON.stringify(trueEffect),
			id: launched.campaignId
		});
		out.push({
			campaignId: launched.campaignId,
			name: launched.name,
			sendDate,
			treated: launched.treated,
			control: launched.control,
			addedOrders,
			trueEffect
		});
	}
	return out;
}

/** Each treated member: with probability `effect` one extra order in the window. Returns the orders added. */
async function addResponses(
	db: Database,
	id: number,
	sendDate: string,
	windowDays: number,
	effect: number,
	rng: Rng
): Promise<number> {
	const treated = await db.sql<{ customer_id: string }>(
		'SELECT customer_id FROM campaign_members WHERE campaign_id = $id::BIGINT AND treated ORDER BY customer_id',
		{ id }
	);
	const ids: string[] = [];
	const seconds: string[] = [];
	const amounts: string[] = [];
	for (const m of treated) {
		if (!rng.chance(effect)) continue;
		ids.push(m.customer_id);
		seconds.push(String(Math.floor(rng.uniform() * windowDays * 86_400)));
		const value = rng.gamma(ORDER_SHAPE, ORDER_SHAPE / MEAN_ORDER_VALUE);
		amounts.push(
			String(Math.max(DEMO_PARAMS.roundTo, Math.round(value / DEMO_PARAMS.roundTo) * DEMO_PARAMS.roundTo))
		);
	}
	if (!ids.length) return 0;
	await db.exec(
		`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount, quantity, source_file, source_line)
		 SELECT concat('dc', $id::BIGINT, '-', n), customer_id, $send::TIMESTAMP + to_seconds(sec::BIGINT), 'purchase', 'email',
		   concat('DC', $id::BIGINT, '-', n), amount::DECIMAL(18, 2), 1, $source, n
		 FROM (SELECT unnest($ids::VARCHAR[]) AS customer_id, unnest($secs::VARCHAR[]) AS sec, unnest($amounts::VARCHAR[]) AS amount,
		   generate_subscripts($ids::VARCHAR[], 1) AS n)`,
		{
			id,
			send: sendDate,
			source: DEMO_CAMPAIGN_SOURCE,
			ids: listValue(ids),
			secs: listValue(seconds),
			amounts: listValue(amounts)
		}
	);
	return ids.length;
}

function addDays(day: string, n: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
