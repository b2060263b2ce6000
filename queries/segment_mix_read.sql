-- The overview's mix over time from table segment_mix: the same rows queries/segment_mix_trend.sql gives at each
-- stored as-of date, for the filtered customers.
-- Inputs: $grain; (NULL = not filtered) $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: as_of ('YYYY-MM-DD'), kind ('segment' | 'stage'), key, customers; ordered by as_of, kind, key.
WITH base AS (
	SELECT as_of, rfm_segment, lifecycle_stage, customers
	FROM segment_mix
	WHERE grain = $grain::VARCHAR
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
)
SELECT strftime(as_of, '%Y-%m-%d') AS as_of, 'segment' AS kind, rfm_segment AS key, sum(customers)::BIGINT AS customers
FROM base GROUP BY ALL
UNION ALL
SELECT strftime(as_of, '%Y-%m-%d') AS as_of, 'stage' AS kind, lifecycle_stage AS key,
	sum(customers)::BIGINT AS customers
FROM base WHERE lifecycle_stage IS NOT NULL GROUP BY ALL
ORDER BY as_of, kind, key
