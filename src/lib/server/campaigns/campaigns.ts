import { z } from 'zod';
import type { Database } from '../db';
import { getList } from '../lists/saved';
import { CAMPAIGN_CHANNELS } from './channels';

/** A campaign = a saved list sent on a channel from a send date, with a share of each stratum held out. */
export interface Campaign {
	campaignId: number;
	name: string;
	listName: string;
	channel: (typeof CAMPAIGN_CHANNELS)[number];
	sendDate: string;
	windowDays: number;
	holdoutShare: number;
	seed: number;
	origin: 'user' | 'demo';
	createdAt: string;
	launchedAt: string | null;
	featuresAsOf: string | null;
	matched: number | null;
	leftOutNoConsent: number | null;
	/** demo campaigns: the conversion lift the generator put in (demo/campaigns.ts); null otherwise */
	trueConversionLift: number | null;
	members: number;
	treated: number;
	control: number;
}

export const DEFAULT_HOLDOUT_SHARE = 0.1;
export const DEFAULT_WINDOW_DAYS = 30;

export const campaignInputSchema = z.object({
	name: z
		.string()
		.trim()
		.min(1, 'a campaign name cannot be empty')
		.max(120, 'a campaign name has at most 120 characters'),
	list: z.string().trim().min(1, 'name the saved list the campaign sends to'),
	channel: z.enum(CAMPAIGN_CHANNELS),
	sendDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'the send date is YYYY-MM-DD'),
	windowDays: z.coerce.number().int().min(1).max(365).default(DEFAULT_WINDOW_DAYS),
	holdoutShare: z.coerce
		.number()
		.gt(0, 'the holdout share is above 0')
		.lt(1, 'the holdout share is below 1')
		.default(DEFAULT_HOLDOUT_SHARE),
	/** The draw's seed; a random one when not given (stored either way). */
	seed: z.coerce
		.number()
		.int()
		.min(0)
		.max(2 ** 31 - 1)
		.optional()
});
export type CampaignInput = z.input<typeof campaignInputSchema>;

export class CampaignNotFound extends Error {
	constructor(id: number | string) {
		super(`no campaign ${id}; run \`crm campaign list\` to see the campaigns`);
	}
}

export class CampaignExists extends Error {
	constructor(name: string) {
		super(`a campaign named '${name}' already exists; choose another name`);
	}
}

const SELECT = `SELECT k.campaign_id::INTEGER AS "campaignId", k.name, k.list_name AS "listName", k.channel,
	strftime(k.send_date, '%Y-%m-%d') AS "sendDate", k.window_days AS "windowDays", k.holdout_share AS "holdoutShare",
	k.seed::INTEGER AS seed, k.origin, strftime(k.created_at, '%Y-%m-%d %H:%M:%S') AS "createdAt",
	strftime(k.launched_at, '%Y-%m-%d %H:%M:%S') AS "launchedAt", strftime(k.features_as_of, '%Y-%m-%d') AS "featuresAsOf",
	k.matched::INTEGER AS matched, k.left_out_no_consent::INTEGER AS "leftOutNoConsent",
	(k.true_effect->>'conversionLift')::DOUBLE AS "trueConversionLift",
	coalesce(m.members, 0)::INTEGER AS members, coalesce(m.treated, 0)::INTEGER AS treated,
	coalesce(m.control, 0)::INTEGER AS control
	FROM campaigns k
	LEFT JOIN (SELECT campaign_id, count(*) AS members, count(*) FILTER (WHERE treated) AS treated,
		count(*) FILTER (WHERE NOT treated) AS control FROM campaign_members GROUP BY campaign_id) m
	  ON m.campaign_id = k.campaign_id`;

export async function listCampaigns(db: Database): Promise<Campaign[]> {
	return db.sql<Campaign>(`${SELECT} ORDER BY k.send_date DESC, k.campaign_id DESC`);
}

export async function getCampaign(db: Database, id: number): Promise<Campaign> {
	const rows = await db.sql<Campaign>(`${SELECT} WHERE k.campaign_id = $id::BIGINT`, { id });
	if (!rows[0]) throw new CampaignNotFound(id);
	return rows[0];
}

/** Creates a draft campaign from a saved list (its rule is copied: a later edit of the list does not change it). */
export async function createCampaign(
	db: Database,
	input: CampaignInput,
	options: { origin?: 'user' | 'demo'; trueEffect?: unknown } = {}
): Promise<Campaign> {
	const c = campaignInputSchema.parse(input);
	const list = await getList(db, c.list);
	const seed = c.seed ?? Math.floor(Math.random() * 2 ** 31);
	const taken = await db.sql('SELECT 1 FROM campaigns WHERE name = $name', { name: c.name });
	if (taken.length) throw new CampaignExists(c.name);
	const rows = await db.sql<{ id: number }>(
		`INSERT INTO campaigns (name, list_name, rule, channel, send_date, window_days, holdout_share, seed, origin, true_effect)
		 VALUES ($name, $list, $rule::JSON, $channel, $send::DATE, $window::INTEGER, $share::DOUBLE, $seed::BIGINT,
		   $origin, $effect::JSON)
		 RETURNING campaign_id::INTEGER AS id`,
		{
			name: c.name,
			list: list.name,
			rule: JSON.stringify(list.rule),
			channel: c.channel,
			send: c.sendDate,
			window: c.windowDays,
			share: c.holdoutShare,
			seed,
			origin: options.origin ?? 'user',
			effect: options.trueEffect === undefined ? null : JSON.stringify(options.trueEffect)
		}
	);
	return getCampaign(db, rows[0]!.id);
}
