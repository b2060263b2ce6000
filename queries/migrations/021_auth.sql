-- Team mode (#19): people who sign in, their sessions, and the append-only audit log.
-- users: name (the login), role (leadership | analyst | marketer | admin), password_hash (scrypt, see auth/password.ts),
--   disabled (cannot sign in; sessions refused).
-- sessions: sha-256 of the cookie's token (the token itself is never stored), who, until when, revoked.
-- audit_log: who did what when; rows are only ever inserted (no endpoint or command updates or deletes them).
-- segment_exports gains download_key (the unguessable id of the file) and the creator's name and role.
CREATE TABLE users (
	name VARCHAR PRIMARY KEY,
	role VARCHAR NOT NULL,
	password_hash VARCHAR NOT NULL,
	disabled BOOLEAN NOT NULL DEFAULT false,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE sessions (
	token_hash VARCHAR PRIMARY KEY,
	user_name VARCHAR NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	expires_at TIMESTAMP NOT NULL,
	revoked BOOLEAN NOT NULL DEFAULT false
);
CREATE SEQUENCE audit_log_seq START 1;
CREATE TABLE audit_log (
	audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_log_seq'),
	occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	actor VARCHAR,
	role VARCHAR,
	action VARCHAR NOT NULL,
	target VARCHAR,
	row_count BIGINT,
	column_names VARCHAR[],
	address VARCHAR,
	detail VARCHAR
);
ALTER TABLE segment_exports ADD COLUMN download_key VARCHAR;
ALTER TABLE segment_exports ADD COLUMN created_by VARCHAR;
ALTER TABLE segment_exports ADD COLUMN created_role VARCHAR;
-- exports made before #19 get a key too (gen_random_uuid: 122 random bits, 32 hex characters)
UPDATE segment_exports SET download_key = replace(gen_random_uuid()::VARCHAR, '-', '');
