import { userInfo } from 'node:os';
import type { Database } from '../db';
import { recordAudit } from '../auth/audit';
import { csvText } from '../lists/export';
import { getCampaign } from './campaigns';
import { CONTACT_OF, consentSql } from './channels';

export interface CampaignExport {
	exportId: number;
	campaignId: number;
	exportedBy: string;
	exportedAt: string;
	channel: string;
	file: string;
	members: number;
	leftOutNoConsent: number;
}

/**
 * Writes a launched campaign's treated members who still consent to its channel to a CSV file (customer_id and
 * the channel's contact: email or phone) and records the export: who, when, how many, which channel. The control
 * group is never exported.
 */
export async function exportCampaign(
	db: Database,
	id: number,
	file: string,
	exportedBy: string = userInfo().username
): Promise<CampaignExport> {
	const c = await getCampaign(db, id);
	if (!c.launchedAt)
		throw new Error(`campaign ${id} is not launched yet: launch it first (crm campaign launch ${id})`);
	const consent = consentSql(c.channel);
	const contact = CONTACT_OF[c.channel];
	return db.transaction(async (s) => {
		const n = (
			await s.sql<{ members: number; consenting: number }>(
				`SELECT count(*)::INTEGER AS members, count(*) FILTER (WHERE ${consent})::INTEGER AS consenting
				 FROM campaign_members m LEFT JOIN customers c ON c.customer_id = m.customer_id
				 WHERE m.campaign_id = $id::BIGINT AND m.treated`,
				{ id }
			)
		)[0]!;
		await s.exec(
			`COPY (SELECT ${csvText('m.customer_id')} AS customer_id, ${csvText(`c."${contact}"`)} AS "${contact}"
				FROM campaign_members m JOIN customers c ON c.customer_id = m.customer_id
				WHERE m.campaign_id = $id::BIGINT AND m.treated AND ${consent} ORDER BY m.customer_id)
			 TO $file (FORMAT csv, HEADER)`,
			{ id, file }
		);
		const rows = await s.sql<CampaignExport>(
			`INSERT INTO campaign_exports (campaign_id, exported_by, channel, file, members, left_out_no_consent)
			 VALUES ($id::BIGINT, $by, $channel, $file, $members, $left)
			 RETURNING export_id::INTEGER AS "exportId", campaign_id::INTEGER AS "campaignId", exported_by AS "exportedBy",
			   strftime(exported_at, '%Y-%m-%d %H:%M:%S') AS "exportedAt", channel, file, members::INTEGER AS members,
			   left_out_no_consent::INTEGER AS "leftOutNoConsent"`,
			{ id, by: exportedBy, channel: c.channel, file, members: n.consenting, left: n.members - n.consenting }
		);
		// one audit row per export, in the same transaction (#19)
		await recordAudit(s, {
			action: 'export',
			actor: { name: exportedBy, role: null },
			target: `campaign ${id}`,
			rows: n.consenting,
			columns: ['customer_id', contact],
			detail: `channel ${c.channel}, treated members only`
		});
		return rows[0]!;
	});
}

export async function listCampaignExports(db: Database, id: number): Promise<CampaignExport[]> {
	return db.sql<CampaignExport>(
		`SELECT export_id::INTEGER AS "exportId", campaign_id::INTEGER AS "campaignId", exported_by AS "exportedBy",
		   strftime(exported_at, '%Y-%m-%d %H:%M:%S') AS "exportedAt", channel, file, members::INTEGER AS members,
		   left_out_no_consent::INTEGER AS "leftOutNoConsent"
		 FROM campaign_exports WHERE campaign_id = $id::BIGINT ORDER BY export_id DESC`,
		{ id }
	);
}
