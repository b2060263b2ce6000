-- Lifecycle per period (PostHog-style), from kpi_rollup (per-period measures defined in
-- queries/kpis_rollup_build.sql), dense over every period up to the as-of date:
--   new = first purchase ever in P; returning = active in P and in P-1; resurrecting = active in P, not in P-1, not
--   new; dormant = active in P-1 and not in P (reported as a positive count).
-- Inputs: $grain, $as_of DATE (exclusive), $dim / $dim_value: the rollup rows of the customer filter ('all' / NULL
--   without one; rollups.ts picks them). The from/to filters trim the output in the TS caller.
-- Output: period, period_end, complete, partial (as in kpis.sql: not over at the as-of date, or begun before the
--   data's first purchase day), active, new, returning, resurrecting, dormant.
WITH per AS (
	SELECT period,
		sum(active_customers)::BIGINT AS active,
		sum(new_customers)::BIGINT AS new,
		sum(retained_customers)::BIGINT AS returning,
		sum(resurrecting)::BIGINT AS resurrecting,
		sum(dormant_next)::BIGINT AS dormant_next
	FROM kpi_rollup
	WHERE grain = $grain::VARCHAR AND dim = $dim::VARCHAR AND dim_value IS NOT DISTINCT FROM $dim_value::VARCHAR
	GROUP BY period
),
step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
periods AS (
	SELECT p::DATE AS period, (p + step)::DATE - 1 AS period_end
	FROM step, (SELECT min(period) AS first FROM per) f,
		generate_series(f.first::TIMESTAMP, date_trunc($grain::VARCHAR, $as_of::DATE - 1)::TIMESTAMP, step) AS t(p)
	WHERE f.first IS NOT NULL
)
SELECT strftime(p.period, '%Y-%m-%d') AS period, strftime(p.period_end, '%Y-%m-%d') AS period_end,
	p.period_end < $as_of::DATE AS complete,
	p.period_end >= $as_of::DATE
		OR p.period < (SELECT min(first_purchase_at)::DATE FROM customer_summary) AS partial,
	coalesce(x.active, 0) AS active,
	coalesce(x.new, 0) AS new,
	coalesce(x.returning, 0) AS returning,
	coalesce(x.resurrecting, 0) AS resurrecting,
	coalesce(lag(x.dormant_next) OVER (ORDER BY p.period), 0) AS dormant
FROM periods p
LEFT JOIN per x USING (period)
ORDER BY p.period
