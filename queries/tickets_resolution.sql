-- Support tickets per period (day the ticket was opened) and channel, plus channel 'all': count, resolved, still open
-- at the as-of date, resolution time in hours: median and 90th percentile (linear interpolation, quantile_cont).
-- Inputs: $grain, $as_of DATE (exclusive), $from / $to (periods overlapping the range), $channel, $region, $country,
--   $acquisition_channel, $segment, $lifecycle.
-- Output: period, complete, channel, tickets, resolved, open, median_hours, p90_hours, mean_hours.
WITH step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
t AS (
	SELECT date_trunc($grain::VARCHAR, day)::DATE AS period, channel, resolution_hours, open
	FROM service_event, step
	WHERE type = 'support_ticket'
		AND ($from::DATE IS NULL OR date_trunc($grain::VARCHAR, day) + step > $from::DATE)
		AND ($to::DATE IS NULL OR date_trunc($grain::VARCHAR, day) <= $to::DATE)
		AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
),
agg AS (
	SELECT period, coalesce(channel, 'all') AS channel, grouping(channel) AS is_all,
		count(*) AS tickets,
		count(resolution_hours) AS resolved,
		count_if(open) AS open,
		quantile_cont(resolution_hours, 0.5) AS median_hours,
		quantile_cont(resolution_hours, 0.9) AS p90_hours,
		avg(resolution_hours) AS mean_hours
	FROM t
	GROUP BY GROUPING SETS ((period, channel), (period))
)
SELECT strftime(period, '%Y-%m-%d') AS period, (period + step)::DATE <= $as_of::DATE AS complete, channel, tickets,
	resolved, open, median_hours, p90_hours, mean_hours
FROM agg, step
ORDER BY period, is_all DESC, channel
