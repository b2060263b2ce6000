-- Cohort retention grid from cohort_rollup (cells defined in queries/cohort_rollup_build.sql): cohort = period of a
-- customer's first purchase; cell (cohort, k) is the period k periods later. Also one weighted-average row per
-- (breakdown, k), with cohort NULL.
-- Inputs: $grain, $as_of DATE (exclusive), $from / $to (cohorts whose period overlaps the range), $breakdown_by
--   ('none' or the breakdown's name), $dim / $dim_value: the rollup rows of the customer filter ('all' / NULL without
--   one; rollups.ts picks them from region, country, acquisition_channel, segment, lifecycle, channel).
-- Output: breakdown (NULL without one), cohort, k, period, complete (the cell's period ended before the as-of date),
--   cohort_size, customers (purchasing in period k), customers_on_or_after (purchasing in period k or later),
--   revenue (net, period k), cohort_revenue (net, period 0), share_on, share_on_or_after, revenue_ratio,
--   is_average. Average rows: weighted by cohort size over the cohorts whose cell k is complete.
WITH step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
cells AS (
	SELECT breakdown, cohort, k, sum(size)::BIGINT AS size, sum(customers)::BIGINT AS customers,
		sum(last_here)::BIGINT AS last_here,
		sum(revenue) AS revenue
	FROM cohort_rollup, step
	WHERE grain = $grain::VARCHAR AND breakdown_by = $breakdown_by::VARCHAR
		AND dim = $dim::VARCHAR AND dim_value IS NOT DISTINCT FROM $dim_value::VARCHAR
		AND ($from::DATE IS NULL OR cohort + step > $from::DATE)
		AND ($to::DATE IS NULL OR cohort <= $to::DATE)
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
	sum(cohort_size)::BIGINT, sum(customers)::BIGINT, sum(customers_on_or_after)::BIGINT, sum(revenue), sum(cohort_revenue),
	sum(customers) / sum(cohort_size),
	sum(customers_on_or_after) / sum(cohort_size),
	sum(cohort_size * revenue_ratio) / sum(cohort_size) FILTER (WHERE revenue_ratio IS NOT NULL),
	true
FROM shares
WHERE complete
GROUP BY breakdown, k
ORDER BY is_average, breakdown NULLS FIRST, cohort, k
