-- Per customer and period, for every grain: the rows that KPIs, cohorts and lifecycle-per-period aggregate.
-- Built from customer_day (never from raw interactions). Stored as table customer_period at the default as-of date by
-- the 'periods' refresh step; for another as-of date the same statement fills a temporary table of that name.
-- {{customers}} is set by code (periods-refresh.ts): TRUE, or a semi-join on the temporary table period_customers
--   (the customers an incremental refresh rebuilds; every statement here is per customer).
-- Inputs: $as_of DATE (exclusive: only days before it are used), $inactivity_days INTEGER (w),
--         $grain VARCHAR ('day'|'week'|'month'|'quarter'|'year') or NULL for all grains.
-- Definitions: a purchase day is a day with orders > 0. A customer is churned on day x when their last purchase day l
--   before or on x has x - l > w; so a churn event happens on c = l + w + 1 when the next purchase is more than w days
--   after l (or never), and only if c < as_of. A purchase more than w days after the previous one is a reactivation.
-- Output: grain, period DATE (period start; weeks start on Monday, ISO), customer_id, orders, net_revenue DOUBLE,
--   active (orders > 0), is_new (first purchase ever in this period), reactivations, churns (events in the period),
--   churns_from_start (churn events whose lapsed purchase was before the period), cohort DATE (period of the first
--   purchase), prev_active (active in the previous period), next_active (active in the next period), last_active (this is
--   the customer's last active period), region, country, acquisition_channel, first_order_channel, rfm_segment, lifecycle_stage.
WITH money_day AS (
	SELECT customer_id, day, orders, net_revenue::DOUBLE AS net_revenue
	FROM customer_day
	WHERE day < $as_of::DATE AND (orders > 0 OR net_revenue <> 0) AND {{customers}}
),
purchase_day AS (
	SELECT customer_id, day, orders, net_revenue,
		lag(day) OVER w AS prev_day,
		lead(day) OVER w AS next_day
	FROM money_day
	WHERE orders > 0
	WINDOW w AS (PARTITION BY customer_id ORDER BY day)
),
day_event AS (
	SELECT customer_id, day, orders, net_revenue, prev_day IS NULL AS is_new,
		coalesce(day - prev_day > $inactivity_days::INTEGER, false) AS reactivated,
		false AS churned, NULL::DATE AS lapsed_day
	FROM purchase_day
	UNION ALL
	SELECT customer_id, day, 0, net_revenue, false, false, false, NULL::DATE
	FROM money_day
	WHERE orders = 0
	UNION ALL
	SELECT customer_id, (day + $inactivity_days::INTEGER + 1)::DATE, 0, 0, false, false, true, day
	FROM purchase_day
	WHERE (next_day IS NULL OR next_day - day > $inactivity_days::INTEGER)
		AND day + $inactivity_days::INTEGER + 1 < $as_of::DATE
),
grains AS (
	SELECT grain FROM (VALUES ('day'), ('week'), ('month'), ('quarter'), ('year')) g(grain)
	WHERE $grain::VARCHAR IS NULL OR grain = $grain::VARCHAR
),
per AS (
	SELECT g.grain, date_trunc(g.grain, e.day)::DATE AS period, e.customer_id,
		sum(e.orders)::INTEGER AS orders,
		sum(e.net_revenue) AS net_revenue,
		bool_or(e.is_new) AS is_new,
		count_if(e.reactivated)::INTEGER AS reactivations,
		count_if(e.churned)::INTEGER AS churns,
		count_if(e.churned AND date_trunc(g.grain, e.lapsed_day) < date_trunc(g.grain, e.day))::INTEGER AS churns_from_start
	FROM day_event e CROSS JOIN grains g
	GROUP BY ALL
),
windowed AS (
	SELECT *, orders > 0 AS active,
		min(CASE WHEN orders > 0 THEN period END) OVER whole AS cohort,
		max(CASE WHEN orders > 0 THEN period END) OVER whole AS last_active_period,
		max(CASE WHEN orders > 0 THEN period END) OVER before AS prev_active_period,
		min(CASE WHEN orders > 0 THEN period END) OVER after AS next_active_period
	FROM per
	WINDOW whole AS (PARTITION BY grain, customer_id),
		before AS (PARTITION BY grain, customer_id ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
		after AS (PARTITION BY grain, customer_id ORDER BY period ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
)
SELECT w.grain, w.period, w.customer_id, w.orders, w.net_revenue, w.active, w.is_new, w.reactivations, w.churns,
	w.churns_from_start, w.cohort,
	coalesce(w.prev_active_period = date_trunc(w.grain, w.period - 1)::DATE, false) AS prev_active,
	coalesce(date_trunc(w.grain, w.next_active_period - 1)::DATE = w.period, false) AS next_active,
	coalesce(w.period = w.last_active_period, false) AS last_active,
	s.region, s.country, s.acquisition_channel, s.first_order_channel, s.rfm_segment, s.lifecycle_stage
FROM windowed w
LEFT JOIN customer_summary s USING (customer_id)
-- Stored in this order so that a rollup built on the fly for a region and/or segment filter reads only the row groups
-- of that region (and segment) instead of every row of the grain (migration 012); country next, so that a country
-- filter gets the same where the data has no regions (Online Retail).
ORDER BY w.grain, s.region, s.country, s.rfm_segment, w.period
