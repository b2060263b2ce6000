-- Customers and revenue per named RFM segment: every configured segment (also empty ones) plus 'others'.
-- Reads the relation segment_customer (queries/segment_customer.sql: the customers of customer_summary with a purchase
-- and their latest BG/NBD prediction; the stored table or that statement run as a CTE, see
-- src/lib/server/metrics/segments.ts), which reads customer_summary (materialised or on the fly, summary.ts).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: segment (key), name_en, name_vi, priority ('others' last), customers, share (of the filtered customers
--   with a purchase, 0..1), net_revenue, revenue_share (0..1), mean_recency_days, mean_orders, mean_net_revenue,
--   r_min .. m_max (the configured ranges; NULL for 'others'),
--   aov (net revenue / orders of the segment), predicted_clv and p_alive (means over the segment's customers with a
--   prediction of the latest model refresh, view current_predictions; NULL without one); churned_low and
--   recent_high, the customers where the lifecycle rule and the model's churn band disagree (src/lib/models/
--   churn-story.ts): churned by the rule but low risk, and new/active/reactivated by the rule but high risk;
--   ordered by priority.
WITH chosen AS (
	SELECT rfm_segment, count(*) AS customers, sum(net_revenue) AS net_revenue,
		avg(recency_days) AS mean_recency_days, avg(orders) AS mean_orders, avg(net_revenue) AS mean_net_revenue,
		sum(net_revenue) / nullif(sum(orders), 0) AS aov,
		avg(predicted_clv) AS predicted_clv, avg(p_alive) AS p_alive,
		count(*) FILTER (WHERE lifecycle_stage = 'churned' AND churn_band = 'low') AS churned_low,
		count(*) FILTER (WHERE lifecycle_stage IN ('new', 'active', 'reactivated') AND churn_band = 'high')
			AS recent_high
	FROM segment_customer
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
	GROUP BY rfm_segment
),
segments AS (
	SELECT key, name_en, name_vi, priority, r_min, r_max, f_min, f_max, m_min, m_max FROM rfm_segments
	UNION ALL
	SELECT 'others', 'Others', 'Khác', (SELECT coalesce(max(priority), 0) + 1 FROM rfm_segments),
		NULL, NULL, NULL, NULL, NULL, NULL
)
SELECT
	s.key AS segment, s.name_en, s.name_vi, s.priority,
	coalesce(c.customers, 0)::BIGINT AS customers,
	coalesce(c.customers, 0)::DOUBLE / nullif(sum(c.customers) OVER (), 0) AS share,
	coalesce(c.net_revenue, 0)::DOUBLE AS net_revenue,
	coalesce(c.net_revenue, 0)::DOUBLE / nullif(sum(c.net_revenue) OVER (), 0) AS revenue_share,
	c.mean_recency_days::DOUBLE AS mean_recency_days,
	c.mean_orders::DOUBLE AS mean_orders,
	c.mean_net_revenue::DOUBLE AS mean_net_revenue,
	s.r_min, s.r_max, s.f_min, s.f_max, s.m_min, s.m_max,
	c.aov::DOUBLE AS aov,
	c.predicted_clv::DOUBLE AS predicted_clv,
	c.p_alive::DOUBLE AS p_alive,
	CASE WHEN c.p_alive IS NOT NULL THEN coalesce(c.churned_low, 0) END::BIGINT AS churned_low,
	CASE WHEN c.p_alive IS NOT NULL THEN coalesce(c.recent_high, 0) END::BIGINT AS recent_high
FROM segments s
LEFT JOIN chosen c ON c.rfm_segment = s.key
ORDER BY s.priority
