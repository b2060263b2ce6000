import type { Database } from '../db';
import { compileRule } from '../lists/compile';
import { ensureCustomerFeatures } from '../lists/features';
import { parseRule } from '../lists/rule';
import { withRule } from '../lists/sql';
import { getCampaign, type Campaign } from './campaigns';
import { consentSql, type CampaignChannel } from './channels';

type Stored = {
	rule: string;
	channel: CampaignChannel;
	seed: number;
	holdout_share: number;
	launched_at: string | null;
};

/**
 * Launches a draft campaign: evaluates its list's rule now, leaves out (and counts) members without consent for
 * the channel, and stores each consenting member's group (launch_members.sql: a seeded draw, stratified by RFM
 * segment). The membership is never recomputed afterwards, so new data cannot move anyone between groups.
 */
export async function launchCampaign(db: Database, id: number): Promise<Campaign> {
	await ensureCustomerFeatures(db);
	await db.transaction(async (s) => {
		const k = (
			await s.sql<Stored>(
				`SELECT rule::VARCHAR AS rule, channel, seed::INTEGER AS seed, holdout_share,
				   launched_at::VARCHAR AS launched_at FROM campaigns WHERE campaign_id = $id::BIGINT`,
				{ id }
			)
		)[0];
		if (!k) throw new Error(`no campaign ${id}; run \`crm campaign list\` to see the campaigns`);
		if (k.launched_at) throw new Error(`campaign ${id} was launched at ${k.launched_at}; a launch is final`);
		const compiled = compileRule(parseRule(JSON.parse(k.rule)));
		const consent = consentSql(k.channel);
		const sql = withRule('campaigns/launch_members', compiled).replace('{{consent}}', consent);
		await s.exec(sql, { ...compiled.params, campaign_id: id, seed: k.seed, share: k.holdout_share });
		const counts = (
			await s.sql<{ matched: number; as_of: string | null }>(
				`SELECT count(*)::INTEGER AS matched, strftime(max(f.as_of), '%Y-%m-%d') AS as_of
				 FROM customer_features f WHERE (${compiled.sql})`,
				compiled.params
			)
		)[0]!;
		await s.exec(
			`UPDATE campaigns SET launched_at = current_timestamp, features_as_of = $as_of::DATE, matched = $matched,
			   left_out_no_consent = $matched - (SELECT count(*) FROM campaign_members WHERE campaign_id = $id::BIGINT)
			 WHERE campaign_id = $id::BIGINT`,
			{ id, matched: counts.matched, as_of: counts.as_of }
		);
	});
	return getCampaign(db, id);
}
