-- Schema version 4: the precomputed tables behind the period metrics (KPIs, cohorts, lifecycle per period, channels,
-- CSAT, tickets, funnel). Rebuilt after every ingest by the refresh step 'periods' (after 'metrics'), from
-- customer_day / customer_day_channel (src/lib/server/metrics/periods-refresh.ts; build statements in queries/:
-- kpis_customer_period, kpis_customer_channel, channel_period_build, tickets_service_events,
-- funnel_customer_journey). Created empty here so that every reader finds them. Definitions: docs/METRICS.md.

-- What the tables were built for: keys 'as_of' (exclusive date) and 'inactivity_days'.
CREATE TABLE period_state (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);

CREATE TABLE customer_period (
	grain VARCHAR NOT NULL, period DATE NOT NULL, customer_id VARCHAR NOT NULL,
	orders INTEGER, net_revenue DOUBLE, is_new BOOLEAN, reactivations INTEGER, churns INTEGER,
	churns_from_start INTEGER, active BOOLEAN, cohort DATE, prev_active BOOLEAN, next_active BOOLEAN,
	last_active BOOLEAN, region VARCHAR, acquisition_channel VARCHAR, first_order_channel VARCHAR,
	rfm_segment VARCHAR, lifecycle_stage VARCHAR
);

CREATE TABLE customer_channel (customer_id VARCHAR NOT NULL, channel VARCHAR NOT NULL);

CREATE TABLE channel_period (
	grain VARCHAR NOT NULL, period DATE NOT NULL, channel VARCHAR NOT NULL, customer_id VARCHAR NOT NULL,
	interactions INTEGER, purchases INTEGER, refunds INTEGER, email_opens INTEGER, email_clicks INTEGER,
	web_visits INTEGER, support_tickets INTEGER, calls INTEGER, surveys INTEGER, others INTEGER, revenue DOUBLE,
	purchase_amount DOUBLE, refund_amount DOUBLE,
	orders INTEGER, region VARCHAR, acquisition_channel VARCHAR, rfm_segment VARCHAR, lifecycle_stage VARCHAR
);

CREATE TABLE service_event (
	customer_id VARCHAR NOT NULL, day DATE NOT NULL, channel VARCHAR NOT NULL, type VARCHAR NOT NULL, csat TINYINT,
	resolution_hours DOUBLE, open BOOLEAN, region VARCHAR, acquisition_channel VARCHAR, rfm_segment VARCHAR, lifecycle_stage VARCHAR
);

CREATE TABLE customer_journey (
	customer_id VARCHAR NOT NULL, first_interaction_day DATE, first_engaged_day DATE, first_purchase_day DATE,
	repeat_purchase_day DATE, region VARCHAR, acquisition_channel VARCHAR, rfm_segment VARCHAR,
	lifecycle_stage VARCHAR
);
