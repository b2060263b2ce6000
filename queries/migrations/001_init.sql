-- Schema version 1: the canonical tables.
-- Timestamps are stored as the business's local wall-clock time (settings.timezone, default Asia/Ho_Chi_Minh):
-- ingestion converts zoned input into that zone and keeps zone-less input as it is, so every day, week and month
-- boundary is a plain date_trunc on the stored value.

CREATE TABLE settings (
	key VARCHAR PRIMARY KEY,
	value VARCHAR NOT NULL
);
INSERT INTO settings VALUES ('timezone', 'Asia/Ho_Chi_Minh'), ('currency', 'VND'), ('inactivity_days', '90');

CREATE TABLE customers (
	customer_id VARCHAR PRIMARY KEY,
	name VARCHAR,
	email VARCHAR,               -- trimmed, lower case
	phone VARCHAR,               -- E.164, e.g. +84912345678
	region VARCHAR,              -- province / city
	country VARCHAR,
	gender VARCHAR,              -- 'female' | 'male' | 'other' | NULL
	birth_year INTEGER,
	signup_at TIMESTAMP,
	acquisition_channel VARCHAR, -- lower case
	consent_email BOOLEAN,
	consent_sms BOOLEAN,
	attributes JSON,             -- any further columns of the input, by their own names
	source_file VARCHAR,
	source_line BIGINT,
	ingest_id BIGINT
);

CREATE TABLE interactions (
	interaction_id VARCHAR NOT NULL,
	customer_id VARCHAR NOT NULL,
	occurred_at TIMESTAMP NOT NULL,  -- business local time
	type VARCHAR NOT NULL,           -- purchase | refund | email_open | email_click | web_visit | support_ticket | call | survey | other
	channel VARCHAR,                 -- web | store | email | phone | zalo | facebook | sales | ... (lower case)
	order_id VARCHAR,
	amount DECIMAL(18, 2),           -- refunds negative
	quantity INTEGER,
	product_id VARCHAR,
	category VARCHAR,
	csat TINYINT,                    -- 1..5 on surveys
	resolved_at TIMESTAMP,           -- support tickets
	source_file VARCHAR,
	source_line BIGINT,
	ingest_id BIGINT
);

-- Every input row that was not loaded, with why, so that nothing is lost.
CREATE TABLE quarantine (
	ingest_id BIGINT NOT NULL,
	source_file VARCHAR NOT NULL,
	source_line BIGINT,
	reason VARCHAR NOT NULL,
	raw JSON
);

-- One row per ingested file; content_hash makes a second ingestion of the same file a no-op.
CREATE SEQUENCE ingest_seq START 1;
CREATE TABLE ingests (
	ingest_id BIGINT PRIMARY KEY DEFAULT nextval('ingest_seq'),
	file VARCHAR NOT NULL,
	content_hash VARCHAR NOT NULL,
	kind VARCHAR NOT NULL,           -- interactions | customers
	preset VARCHAR NOT NULL,
	options JSON,
	started_at TIMESTAMP NOT NULL,
	finished_at TIMESTAMP NOT NULL,
	rows_read BIGINT NOT NULL,
	rows_loaded BIGINT NOT NULL,
	rows_quarantined BIGINT NOT NULL,
	reasons JSON NOT NULL
);
