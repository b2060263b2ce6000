-- Schema version 13: one freshness record for every derived table (src/lib/server/derived/registry.ts).
-- Each registry entry (a refresh step and the tables it writes) records the version of its inputs it was built from,
-- in the transaction that builds it, and what it was built for (params: as-of date, churn window, RFM scoring, fit).
-- A reader uses the stored tables only while built_for equals the version of the inputs now; otherwise it answers
-- with the same SQL inline. This replaces metrics_state, period_state, precompute_state and metrics_state
-- 'mix_built_for': their tables are dropped, so an upgraded database answers inline until its next refresh (the
-- server starts one by itself when it finds a stale entry).
CREATE TABLE derived_state (
	name VARCHAR PRIMARY KEY,          -- the registry entry ('metrics', 'periods', 'models', ...)
	built_for VARCHAR NOT NULL,        -- the input version it was built from
	params JSON NOT NULL,              -- what it was built for, e.g. {"as_of": "2025-12-31", "inactivity_days": 90}
	built_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	duration_ms INTEGER
);
DROP TABLE IF EXISTS metrics_state;
DROP TABLE IF EXISTS period_state;
DROP TABLE IF EXISTS precompute_state;
