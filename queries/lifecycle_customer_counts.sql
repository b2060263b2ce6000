-- Customers by lifecycle stage now (as of the summary's as-of date): every stage, also empty ones.
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: lifecycle_stage ('new' | 'active' | 'at_risk' | 'churned' | 'reactivated'), customers, share (of the
--   filtered customers with a purchase, 0..1), net_revenue, mean_recency_days; in that order.
WITH counted AS (
	SELECT lifecycle_stage, count(*) AS customers, sum(net_revenue) AS net_revenue,
		avg(recency_days) AS mean_recency_days
	FROM customer_summary
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
	GROUP BY lifecycle_stage
)
SELECT
	s.stage AS lifecycle_stage,
	coalesce(c.customers, 0)::BIGINT AS customers,
	coalesce(c.customers, 0)::DOUBLE / nullif(sum(c.customers) OVER (), 0) AS share,
	coalesce(c.net_revenue, 0)::DOUBLE AS net_revenue,
	c.mean_recency_days::DOUBLE AS mean_recency_days
FROM (VALUES (1, 'new'), (2, 'active'), (3, 'at_risk'), (4, 'reactivated'), (5, 'churned')) s(pos, stage)
LEFT JOIN counted c ON c.lifecycle_stage = s.stage
ORDER BY s.pos
