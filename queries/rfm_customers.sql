-- Per-customer RFM: the values, the scores 1..5 and the named segment of every customer with a purchase.
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts).
-- Inputs (NULL = not filtered / no limit): $region, $country, $acquisition_channel, $segment, $lifecycle, $limit, $offset.
-- Output: customer_id, recency_days, orders, net_revenue, r_score, f_score, m_score, rfm_cell ('R F M' digits,
--   e.g. '545'), rfm_segment, lifecycle_stage, last_purchase_at ('YYYY-MM-DD'); ordered by customer_id.
-- The page is picked first over the bare columns; the formatted columns are computed for its rows only.
WITH page AS (
	SELECT customer_id, recency_days, orders, net_revenue, r_score, f_score, m_score, rfm_segment, lifecycle_stage,
		last_purchase_at
	FROM customer_summary
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
	ORDER BY customer_id
	LIMIT $limit::BIGINT OFFSET coalesce($offset::BIGINT, 0)
)
SELECT
	customer_id,
	recency_days,
	orders,
	net_revenue::DOUBLE AS net_revenue,
	r_score, f_score, m_score,
	r_score::VARCHAR || f_score::VARCHAR || m_score::VARCHAR AS rfm_cell,
	rfm_segment,
	lifecycle_stage,
	strftime(last_purchase_at, '%Y-%m-%d') AS last_purchase_at
FROM page
ORDER BY customer_id
