/**
 * The channels a campaign is sent on, each with the customers column that holds its consent (migration 020).
 * This map is the whitelist: only these column names ever reach SQL.
 */
export const CAMPAIGN_CHANNELS = ['email', 'sms', 'zalo', 'facebook', 'phone'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

const CONSENT_COLUMN: Record<CampaignChannel, string> = {
	email: 'consent_email',
	sms: 'consent_sms',
	zalo: 'consent_zalo',
	facebook: 'consent_facebook',
	phone: 'consent_phone'
};

/** SQL that is TRUE when customers row `c` consents to `channel` (missing consent = no). */
export function consentSql(channel: CampaignChannel): string {
	return `coalesce(c."${CONSENT_COLUMN[channel]}", FALSE)`;
}

/** The contact column an export for this channel carries (Facebook audiences match on email or phone). */
export const CONTACT_OF: Record<CampaignChannel, 'email' | 'phone'> = {
	email: 'email',
	sms: 'phone',
	zalo: 'phone',
	facebook: 'email',
	phone: 'phone'
};
