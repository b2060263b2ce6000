-- Schema version 6: saved segments (target lists) and the record of every export.
-- A segment is a rule (JSON, src/lib/server/segments/rule.ts) over table customer_features, which the 'segments'
-- refresh step rebuilds from queries/customer_features.sql after the metrics and models.

CREATE TABLE saved_segments (
	name VARCHAR PRIMARY KEY,
	description VARCHAR,
	rule JSON NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per export: what was asked (rule, columns, channel) and what was produced (file, members, left out).
CREATE SEQUENCE segment_export_seq START 1;
CREATE TABLE segment_exports (
	export_id BIGINT PRIMARY KEY DEFAULT nextval('segment_export_seq'),
	segment_name VARCHAR,               -- NULL for an unsaved rule exported from the builder
	rule JSON NOT NULL,
	format VARCHAR NOT NULL,            -- csv | parquet | json
	columns VARCHAR[] NOT NULL,
	channel VARCHAR,                    -- email | sms | NULL (no channel: no consent filter)
	require_consent BOOLEAN NOT NULL,
	file VARCHAR NOT NULL,
	exported_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	features_as_of DATE,                -- the as-of date of the customer features the rule was evaluated on
	matched BIGINT NOT NULL,            -- customers the rule matched
	members BIGINT NOT NULL,            -- customers written to the file
	left_out_no_consent BIGINT NOT NULL -- matched but left out: no consent for the channel
);

-- The exact membership of each export: answers "what was sent to whom" later.
CREATE TABLE segment_export_members (
	export_id BIGINT NOT NULL,
	customer_id VARCHAR NOT NULL
);
