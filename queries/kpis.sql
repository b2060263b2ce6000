-- KPIs per period (one row per period, dense: periods without activity are present with zeros), from kpi_rollup (the
-- per-period measures, defined in queries/kpis_rollup_build.sql) for one filter.
-- Inputs: $grain, $as_of DATE (exclusive; the as-of date the rows were built for), $dim / $dim_value: the rollup rows
--   of the customer filter ('all' / NULL without one; rollups.ts picks them from region, country, acquisition_channel,
--   segment, lifecycle, channel). The from/to filters only trim the output (in the TS caller): running totals need
--   every period.
-- Output: period, period_end, prev_period, year_ago_period (keys of the comparison periods), complete (period ended
--   before the as-of date), partial (the data covers only part of the period: it is not complete, or it starts
--   before the data's first purchase day, e.g. the year 2009 of data that begins in December 2009), active_customers, new_customers, returning_customers, reactivated_customers,
--   churned_customers, active_at_start, churn_rate, retention_rate, repeat_purchase_rate, revenue,
--   revenue_existing, aov, orders, orders_per_customer, net_revenue_retention, historic_clv.
--   Rates are 0..1 or NULL when the denominator is 0. churned_customers and churn_rate are NULL (unknown, not 0) in
--   periods that end before a churn can first be seen: the data's first purchase day + $inactivity_days + 1.
--   Definitions: docs/METRICS.md "KPIs per period".
WITH per AS (
	SELECT period,
		sum(active_customers)::BIGINT AS active_customers,
		sum(new_customers)::BIGINT AS new_customers,
		sum(reactivated_customers)::BIGINT AS reactivated_customers,
		sum(churned_customers)::BIGINT AS churned_customers,
		sum(churned_from_start)::BIGINT AS churned_from_start,
		sum(active_delta) AS active_delta,
		sum(retained_customers)::BIGINT AS retained_customers,
		sum(repeat_customers)::BIGINT AS repeat_customers,
		sum(revenue) AS revenue,
		sum(revenue_existing) AS revenue_existing,
		sum(revenue_of_active) AS revenue_of_active,
		sum(revenue_from_prev_active) AS revenue_from_prev_active,
		sum(orders) AS orders
	FROM kpi_rollup
	WHERE grain = $grain::VARCHAR AND dim = $dim::VARCHAR AND dim_value IS NOT DISTINCT FROM $dim_value::VARCHAR
	GROUP BY period
),
step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
observable AS (
	-- the data's first purchase day, and the first day a churn event can happen: that day + window + 1
	SELECT min(first_purchase_at)::DATE AS first_day,
		(min(first_purchase_at)::DATE + $inactivity_days::INTEGER + 1)::DATE AS first_churn_day
	FROM customer_summary
),
periods AS (
	SELECT p::DATE AS period, (p + step)::DATE - 1 AS period_end
	FROM step, (SELECT min(period) AS first FROM per) f,
		generate_series(f.first::TIMESTAMP, date_trunc($grain::VARCHAR, $as_of::DATE - 1)::TIMESTAMP, step) AS t(p)
	WHERE f.first IS NOT NULL
),
dense AS (
	SELECT p.period, p.period_end,
		coalesce(x.active_customers, 0) AS active_customers,
		coalesce(x.new_customers, 0) AS new_customers,
		coalesce(x.reactivated_customers, 0) AS reactivated_customers,
		coalesce(x.churned_customers, 0) AS churned_customers,
		coalesce(x.churned_from_start, 0) AS churned_from_start,
		coalesce(x.retained_customers, 0) AS retained_customers,
		coalesce(x.repeat_customers, 0) AS repeat_customers,
		coalesce(x.revenue, 0) AS revenue,
		coalesce(x.revenue_existing, 0) AS revenue_existing,
		coalesce(x.revenue_of_active, 0) AS revenue_of_active,
		coalesce(x.revenue_from_prev_active, 0) AS revenue_from_prev_active,
		coalesce(x.orders, 0) AS orders,
		-- active at the start of P: spells started before P minus spells ended (churned) before P
		coalesce(sum(x.active_delta) OVER (ORDER BY p.period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
			AS active_at_start,
		sum(coalesce(x.revenue, 0)) OVER (ORDER BY p.period) AS cumulative_revenue,
		sum(coalesce(x.new_customers, 0)) OVER (ORDER BY p.period) AS cumulative_customers,
		lag(coalesce(x.active_customers, 0)) OVER (ORDER BY p.period) AS prev_active_customers,
		lag(coalesce(x.revenue_of_active, 0)) OVER (ORDER BY p.period) AS prev_revenue_of_active
	FROM periods p
	LEFT JOIN per x USING (period)
)
SELECT strftime(period, '%Y-%m-%d') AS period,
	strftime(period_end, '%Y-%m-%d') AS period_end,
	strftime(date_trunc($grain::VARCHAR, period - 1), '%Y-%m-%d') AS prev_period,
	strftime(CASE WHEN $grain::VARCHAR = 'week' THEN period - 364 ELSE period - INTERVAL 1 YEAR END, '%Y-%m-%d')
		AS year_ago_period,
	period_end < $as_of::DATE AS complete,
	period_end >= $as_of::DATE OR period < o.first_day AS partial,
	active_customers,
	new_customers,
	active_customers - new_customers AS returning_customers,
	reactivated_customers,
	CASE WHEN period_end >= o.first_churn_day THEN churned_customers END AS churned_customers,
	active_at_start::BIGINT AS active_at_start,
	CASE WHEN period_end >= o.first_churn_day THEN churned_from_start / nullif(active_at_start, 0) END AS churn_rate,
	retained_customers / nullif(prev_active_customers, 0) AS retention_rate,
	repeat_customers / nullif(active_customers, 0) AS repeat_purchase_rate,
	revenue,
	revenue_existing,
	revenue / nullif(orders, 0) AS aov,
	orders,
	orders / nullif(active_customers, 0) AS orders_per_customer,
	revenue_from_prev_active / nullif(prev_revenue_of_active, 0) AS net_revenue_retention,
	cumulative_revenue / nullif(cumulative_customers, 0) AS historic_clv
FROM dense, observable o
ORDER BY period
