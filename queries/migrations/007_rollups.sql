-- Schema version 7: small rollups of the period tables, so that a period metric sums a few thousand rows instead of
-- millions. Rebuilt after every ingest by the refresh step 'periods' (src/lib/server/metrics/periods-refresh.ts)
-- right after the tables they roll up, by queries/kpis_rollup_build.sql, cohort_rollup_build.sql and
-- channel_rollup_build.sql; period_state key 'rollups' records that they were built. Created empty here so that every
-- reader finds them; until the next refresh (no 'rollups' key) the metric functions read the detailed tables.
-- Each row holds the measures of one (grain, period, ...) for one filter: dim = 'all' (no customer filter) or the
-- filter's name ('region', 'acquisition_channel', 'segment', 'lifecycle', 'channel') with dim_value its value.

CREATE TABLE kpi_rollup (
	grain VARCHAR NOT NULL, period DATE NOT NULL, dim VARCHAR NOT NULL, dim_value VARCHAR,
	active_customers BIGINT, new_customers BIGINT, reactivated_customers BIGINT, churned_customers BIGINT,
	churned_from_start BIGINT, active_delta BIGINT, retained_customers BIGINT, repeat_customers BIGINT,
	revenue DOUBLE, revenue_existing DOUBLE, revenue_of_active DOUBLE, revenue_from_prev_active DOUBLE,
	orders BIGINT, resurrecting BIGINT, dormant_next BIGINT
);

CREATE TABLE cohort_rollup (
	grain VARCHAR NOT NULL, breakdown_by VARCHAR NOT NULL, breakdown VARCHAR, cohort DATE NOT NULL, k BIGINT NOT NULL,
	dim VARCHAR NOT NULL, dim_value VARCHAR,
	size BIGINT, customers BIGINT, last_here BIGINT, revenue DOUBLE
);

CREATE TABLE channel_rollup (
	grain VARCHAR NOT NULL, period DATE NOT NULL, channel VARCHAR NOT NULL, dim VARCHAR NOT NULL, dim_value VARCHAR,
	n_all BIGINT, c_all BIGINT, r_all DOUBLE, n_purchase BIGINT, c_purchase BIGINT, r_purchase DOUBLE,
	n_refund BIGINT, c_refund BIGINT, r_refund DOUBLE, n_open BIGINT, c_open BIGINT, n_click BIGINT, c_click BIGINT,
	n_visit BIGINT, c_visit BIGINT, n_ticket BIGINT, c_ticket BIGINT, n_call BIGINT, c_call BIGINT,
	n_survey BIGINT, c_survey BIGINT, n_other BIGINT, c_other BIGINT
);
