-- CSAT by channel: survey answers with a score 1..5, mean and distribution, from service_event; one row per channel
-- plus channel 'all'.
-- Inputs: $from / $to (answer day within the range, inclusive), $channel (that channel only), $region, $country,
--   $acquisition_channel, $segment, $lifecycle.
-- Output: channel, responses, mean, n1..n5 (counts per score), share1..share5 (0..1).
WITH answers AS (
	SELECT channel, csat
	FROM service_event
	WHERE type = 'survey' AND csat IS NOT NULL
		AND ($from::DATE IS NULL OR day >= $from::DATE)
		AND ($to::DATE IS NULL OR day <= $to::DATE)
		AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
),
agg AS (
	SELECT coalesce(channel, 'all') AS channel, grouping(channel) AS is_all,
		count(*) AS responses, avg(csat) AS mean,
		count_if(csat = 1) AS n1, count_if(csat = 2) AS n2, count_if(csat = 3) AS n3,
		count_if(csat = 4) AS n4, count_if(csat = 5) AS n5
	FROM answers
	GROUP BY GROUPING SETS ((channel), ())
)
SELECT channel, responses, mean, n1, n2, n3, n4, n5,
	n1 / responses AS share1, n2 / responses AS share2, n3 / responses AS share3, n4 / responses AS share4,
	n5 / responses AS share5
FROM agg
WHERE responses > 0
ORDER BY is_all DESC, channel
