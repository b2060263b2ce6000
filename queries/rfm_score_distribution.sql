-- How many customers got each score of each dimension, with the range of values behind it (shows the cut points
-- the quintile rule produced, and how uneven the groups are when many customers share a value).
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: dimension ('r' | 'f' | 'm'), score (1..5), customers, min_value, max_value (recency days, orders or net
--   revenue); ordered by dimension, score.
WITH s AS (
	SELECT * FROM customer_summary
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
),
v AS (
	SELECT 'r' AS dimension, r_score AS score, recency_days::DOUBLE AS value FROM s
	UNION ALL SELECT 'f', f_score, orders::DOUBLE FROM s
	UNION ALL SELECT 'm', m_score, net_revenue::DOUBLE FROM s
),
scores AS (
	SELECT d.dimension, k.score::INTEGER AS score
	FROM (VALUES ('r'), ('f'), ('m')) d(dimension) CROSS JOIN range(1, 6) k(score)
)
SELECT
	sc.dimension, sc.score,
	count(v.value)::BIGINT AS customers,
	min(v.value) AS min_value,
	max(v.value) AS max_value
FROM scores sc
LEFT JOIN v ON v.dimension = sc.dimension AND v.score = sc.score
GROUP BY sc.dimension, sc.score
ORDER BY CASE sc.dimension WHEN 'r' THEN 1 WHEN 'f' THEN 2 ELSE 3 END, sc.score
