-- Goals and the PDCA loop (#15): a goal is a target on one KPI the product computes, in a scope (the dashboard's
-- filters), by a deadline; each goal carries plan-do-check-act cycles. Alerts: the rules, the history of what they
-- fired at each refresh, and the webhook deliveries of those alerts (every attempt recorded, failures kept).
CREATE SEQUENCE goal_seq START 1;
CREATE TABLE goals (
	goal_id BIGINT PRIMARY KEY DEFAULT nextval('goal_seq'),
	kpi VARCHAR NOT NULL,               -- one of goals/kpis.ts GOAL_KPIS
	scope JSON NOT NULL,                -- {region?, country?, channel?, acquisition_channel?, segment?}
	target DOUBLE NOT NULL,
	direction VARCHAR NOT NULL,         -- 'increase' (reach at least target) | 'decrease' (reach at most target)
	start_date DATE NOT NULL,
	deadline DATE NOT NULL,
	grain VARCHAR NOT NULL,             -- week | month | quarter
	owner VARCHAR,
	why VARCHAR,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE goal_cycle_seq START 1;
CREATE TABLE goal_cycles (
	cycle_id BIGINT PRIMARY KEY DEFAULT nextval('goal_cycle_seq'),
	goal_id BIGINT NOT NULL,
	plan VARCHAR NOT NULL,
	list_name VARCHAR,                  -- optional saved list (saved_segments.name) the plan targets
	do_date DATE,                       -- when the plan started
	check_end DATE,                     -- end of the "after" window (NULL: up to the as-of date)
	act VARCHAR,                        -- adopt | adjust | abandon
	act_note VARCHAR,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE alert_rule_seq START 1;
CREATE TABLE alert_rules (
	rule_id BIGINT PRIMARY KEY DEFAULT nextval('alert_rule_seq'),
	kind VARCHAR NOT NULL,              -- goal_off_pace | kpi_threshold | clv_p_alive_drop | segment_change
	params JSON NOT NULL,
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE SEQUENCE alert_seq START 1;
CREATE TABLE alert_history (
	alert_id BIGINT PRIMARY KEY DEFAULT nextval('alert_seq'),
	rule_id BIGINT,
	goal_id BIGINT,
	kind VARCHAR NOT NULL,
	as_of DATE,
	detail JSON NOT NULL,
	fired_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
	read_at TIMESTAMP
);

CREATE SEQUENCE webhook_delivery_seq START 1;
CREATE TABLE webhook_deliveries (
	delivery_id BIGINT PRIMARY KEY DEFAULT nextval('webhook_delivery_seq'),
	alert_id BIGINT NOT NULL,
	url VARCHAR NOT NULL,
	attempt INTEGER NOT NULL,
	status INTEGER,                     -- HTTP status, NULL when no answer
	error VARCHAR,
	delivered BOOLEAN NOT NULL,
	attempted_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- What the alerts compared against at the last evaluation (one refresh to the next): each customer's P(alive), each
-- goal's status, each segment's size.
CREATE TABLE alert_p_alive_snapshot (customer_id VARCHAR PRIMARY KEY, p_alive DOUBLE);
CREATE TABLE alert_goal_state (goal_id BIGINT PRIMARY KEY, status VARCHAR NOT NULL);
CREATE TABLE alert_segment_snapshot (segment VARCHAR PRIMARY KEY, customers BIGINT NOT NULL);
-- The optional webhook the alerts are POSTed to (one row at most; not a row of settings, whose every change makes the
-- derived tables stale).
CREATE TABLE alert_webhook (url VARCHAR NOT NULL);
