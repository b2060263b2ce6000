-- The 5 x 5 recency x frequency grid: every cell, also the empty ones.
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: r_score, f_score (1..5), customers, net_revenue, mean_m_score (NULL for an empty cell),
--   share (of the filtered customers with a purchase, 0..1); ordered by r_score DESC, f_score.
WITH cells AS (
	SELECT r_score, f_score, count(*) AS customers, sum(net_revenue) AS net_revenue, avg(m_score) AS mean_m_score
	FROM customer_summary
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
	GROUP BY r_score, f_score
)
SELECT
	r.r::INTEGER AS r_score,
	f.f::INTEGER AS f_score,
	coalesce(c.customers, 0)::BIGINT AS customers,
	coalesce(c.net_revenue, 0)::DOUBLE AS net_revenue,
	c.mean_m_score::DOUBLE AS mean_m_score,
	coalesce(c.customers, 0)::DOUBLE / nullif(sum(c.customers) OVER (), 0) AS share
FROM range(1, 6) r(r)
CROSS JOIN range(1, 6) f(f)
LEFT JOIN cells c ON c.r_score = r.r AND c.f_score = f.f
ORDER BY r.r DESC, f.f
