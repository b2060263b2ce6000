-- Schema version 20: campaigns (a saved list sent on a channel with a holdout control group, issue #16) and
-- consent for the channels beyond email and SMS.
-- Consent: customers.consent_email / consent_sms stay as they are (ingest maps them); zalo, facebook and phone
-- get their own columns (NULL = no consent known = not contacted).
ALTER TABLE customers ADD COLUMN consent_zalo BOOLEAN;
ALTER TABLE customers ADD COLUMN consent_facebook BOOLEAN;
ALTER TABLE customers ADD COLUMN consent_phone BOOLEAN;

-- A campaign: what is sent (the list's rule, copied at creation), on which channel, when, how long responses
-- count, and the share held out. Launching freezes the membership (campaign_members) and sets launched_at.
CREATE SEQUENCE campaign_seq START 1;
CREATE TABLE campaigns (
	campaign_id BIGINT PRIMARY KEY DEFAULT nextval('campaign_seq'),
	name VARCHAR NOT NULL UNIQUE,
	list_name VARCHAR NOT NULL,          -- the saved list it was made from (saved_segments.name at creation)
	rule JSON NOT NULL,                  -- the list's rule at creation: a later edit of the list does not change it
	channel VARCHAR NOT NULL,            -- email | sms | zalo | facebook | phone
	send_date DATE NOT NULL,             -- first day responses count
	window_days INTEGER NOT NULL,        -- responses count on send_date .. send_date + window_days - 1
	holdout_share DOUBLE NOT NULL,       -- share of each stratum held out as control, 0 < share < 1
	seed BIGINT NOT NULL,                -- the draw's seed (stored: the assignment can be re-derived)
	origin VARCHAR NOT NULL DEFAULT 'user', -- user | demo (made by crm demo --campaigns, with a known effect)
	true_effect JSON,                    -- demo only: the effect the generator put in
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	launched_at TIMESTAMP,               -- NULL while a draft
	features_as_of DATE,                 -- as-of date of the customer features the list was evaluated on at launch
	matched BIGINT,                      -- customers the list matched at launch
	left_out_no_consent BIGINT           -- matched but left out: no consent for the channel
);

-- The frozen membership: one row per consenting member, its stratum (RFM segment at launch), its draw
-- (md5 of seed ':' customer_id) and its group. Never updated after launch.
CREATE TABLE campaign_members (
	campaign_id BIGINT NOT NULL,
	customer_id VARCHAR NOT NULL,
	stratum VARCHAR NOT NULL,
	draw VARCHAR NOT NULL,
	treated BOOLEAN NOT NULL,
	PRIMARY KEY (campaign_id, customer_id)
);

-- One row per export of a campaign's treated members: who, when, how many, which channel, left out.
CREATE SEQUENCE campaign_export_seq START 1;
CREATE TABLE campaign_exports (
	export_id BIGINT PRIMARY KEY DEFAULT nextval('campaign_export_seq'),
	campaign_id BIGINT NOT NULL,
	exported_by VARCHAR NOT NULL,
	exported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	channel VARCHAR NOT NULL,
	file VARCHAR NOT NULL,
	members BIGINT NOT NULL,             -- treated members written
	left_out_no_consent BIGINT NOT NULL  -- treated members whose consent was withdrawn since launch
);

-- Living lists: a saved list is a rule, re-evaluated at every refresh ('rule'), or a fixed set of customers
-- ('snapshot', a customer_id IN [...] rule). Lists saved before this version from a chart were id lists.
ALTER TABLE saved_segments ADD COLUMN kind VARCHAR DEFAULT 'rule';
UPDATE saved_segments SET kind = 'snapshot' WHERE rule->>'field' = 'customer_id' AND rule->>'op' = 'in';

-- The membership history of living lists (registry entry 'list-membership', after 'segments'): one row per stay
-- of a customer in a list, from the features' as-of date it joined to the one it left (NULL while a member).
CREATE TABLE list_membership (
	list_name VARCHAR NOT NULL,
	customer_id VARCHAR NOT NULL,
	joined_on DATE NOT NULL,
	left_on DATE
);
