-- Cohort retention grid from customer_period: cohort = period of a customer's first purchase; cell (cohort, k) is the
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter (customers who used that channel); kept out of the SQL when unused, for speed.
-- period k periods later. Also one weighted-average row per (breakdown, k), with cohort NULL.
-- Inputs: $grain, $as_of DATE (exclusive), filters $region, $acquisition_channel, $segment, $lifecycle, channel
--   (customers who used it), $from / $to (cohorts whose period overlaps the range). The breakdown column comes from
--   a whitelist in code (cohorts.ts) and replaces {{breakdown}}.
-- Output: breakdown (NULL without one), cohort, k, period, complete (the cell's period ended before the as-of date),
--   cohort_size, customers (purchasing in period k), customers_on_or_after (purchasing in period k or later),
--   revenue (net, period k), cohort_revenue (net, period 0), share_on, share_on_or_after, revenue_ratio,
--   is_average. Average rows: weighted by cohort size over the cohorts whose cell k is complete.
WITH step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
cp AS (
	SELECT cohort, period, active, last_active, is_new, net_revenue, {{breakdown}}::VARCHAR AS breakdown,
		CASE $grain::VARCHAR
			WHEN 'day' THEN period - cohort
			WHEN 'week' THEN (period - cohort) // 7
			WHEN 'month' THEN datediff('month', cohort, period)
			WHEN 'quarter' THEN datediff('quarter', cohort, period)
			ELSE datediff('year', cohort, period) END AS k
	FROM customer_period, step
	WHERE grain = $grain::VARCHAR AND cohort IS NOT NULL
		AND ($from::DATE IS NULL OR cohort + step > $from::DATE)
		AND ($to::DATE IS NULL OR cohort <= $to::DATE)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
cells AS (
	SELECT breakdown, cohort, k,
		count_if(is_new) AS size,
		count_if(active) AS customers,
		count_if(last_active) AS last_here,
		sum(net_revenue) AS revenue
	FROM cp
	GROUP BY ALL
),
cohorts AS (
	SELECT breakdown, cohort, size AS cohort_size, revenue AS cohort_revenue,
		CASE $grain::VARCHAR
			WHEN 'day' THEN last - cohort
			WHEN 'week' THEN (last - cohort) // 7
			WHEN 'month' THEN datediff('month', cohort, last)
			WHEN 'quarter' THEN datediff('quarter', cohort, last)
			ELSE datediff('year', cohort, last) END AS k_max
	FROM cells, (SELECT date_trunc($grain::VARCHAR, $as_of::DATE - 1)::DATE AS last)
	WHERE k = 0
),
grid AS (
	SELECT breakdown, cohort, cohort_size, cohort_revenue, unnest(range(0, k_max + 1)) AS k
	FROM cohorts
),
filled AS (
	SELECT g.breakdown, g.cohort, g.k, (g.cohort + g.k * s.step)::DATE AS period,
		(g.cohort + (g.k + 1) * s.step)::DATE <= $as_of::DATE AS complete,
		g.cohort_size, coalesce(c.customers, 0) AS customers,
		sum(coalesce(c.last_here, 0)) OVER (PARTITION BY g.breakdown, g.cohort ORDER BY g.k DESC) AS customers_on_or_after,
		coalesce(c.revenue, 0) AS revenue, g.cohort_revenue
	FROM grid g
	CROSS JOIN step s
	LEFT JOIN cells c ON c.breakdown IS NOT DISTINCT FROM g.breakdown AND c.cohort = g.cohort AND c.k = g.k
),
shares AS (
	SELECT *, customers / cohort_size AS share_on, customers_on_or_after / cohort_size AS share_on_or_after,
		revenue / nullif(cohort_revenue, 0) AS revenue_ratio, false AS is_average
	FROM filled
)
SELECT breakdown, strftime(cohort, '%Y-%m-%d') AS cohort, k, strftime(period, '%Y-%m-%d') AS period, complete,
	cohort_size, customers, customers_on_or_after::BIGINT AS customers_on_or_after, revenue, cohort_revenue,
	share_on, share_on_or_after, revenue_ratio, is_average
FROM shares
UNION ALL
SELECT breakdown, NULL, k, NULL, true,
	sum(cohort_size), sum(customers), sum(customers_on_or_after)::BIGINT, sum(revenue), sum(cohort_revenue),
	sum(customers) / sum(cohort_size),
	sum(customers_on_or_after) / sum(cohort_size),
	sum(cohort_size * revenue_ratio) / sum(cohort_size) FILTER (WHERE revenue_ratio IS NOT NULL),
	true
FROM shares
WHERE complete
GROUP BY breakdown, k
ORDER BY is_average, breakdown NULLS FIRST, cohort, k
