-- Lifecycle per period (PostHog-style), from customer_period, dense over every period up to the as-of date:
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter (customers who used that channel); kept out of the SQL when unused, for speed.
--   new = first purchase ever in P; returning = active in P and in P-1; resurrecting = active in P, not in P-1, not
--   new; dormant = active in P-1 and not in P (reported as a positive count).
-- Inputs: $grain, $as_of DATE (exclusive), filters $region, $acquisition_channel, $segment, $lifecycle, channel.
--   The from/to filters trim the output in the TS caller.
-- Output: period, period_end, complete, active, new, returning, resurrecting, dormant.
WITH cp AS (
	SELECT period, active, is_new, prev_active, next_active
	FROM customer_period
	WHERE grain = $grain::VARCHAR
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
periods AS (
	SELECT p::DATE AS period, (p + step)::DATE - 1 AS period_end
	FROM step, (SELECT min(period) AS first FROM cp) f,
		generate_series(f.first::TIMESTAMP, date_trunc($grain::VARCHAR, $as_of::DATE - 1)::TIMESTAMP, step) AS t(p)
	WHERE f.first IS NOT NULL
),
per AS (
	SELECT period,
		count_if(active) AS active,
		count_if(active AND is_new) AS new,
		count_if(active AND prev_active) AS returning,
		count_if(active AND NOT prev_active AND NOT is_new) AS resurrecting,
		count_if(active AND NOT next_active) AS dormant_next
	FROM cp
	GROUP BY period
)
SELECT strftime(p.period, '%Y-%m-%d') AS period, strftime(p.period_end, '%Y-%m-%d') AS period_end,
	p.period_end < $as_of::DATE AS complete,
	coalesce(x.active, 0) AS active,
	coalesce(x.new, 0) AS new,
	coalesce(x.returning, 0) AS returning,
	coalesce(x.resurrecting, 0) AS resurrecting,
	coalesce(lag(x.dormant_next) OVER (ORDER BY p.period), 0) AS dormant
FROM periods p
LEFT JOIN per x USING (period)
ORDER BY p.period
