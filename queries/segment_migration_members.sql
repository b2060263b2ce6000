-- The customers of one migration flow (source at the first as-of date -> target at the second).
-- Inputs: relations summary_from and summary_to (see segment_migration.sql), $dimension, $source, $target
-- ('none' = no value), $limit (NULL = all).
-- Output columns: customer_id, net_revenue_from, net_revenue_to, recency_days_to.
SELECT b.customer_id, a.net_revenue::DOUBLE AS net_revenue_from, b.net_revenue::DOUBLE AS net_revenue_to,
	b.recency_days AS recency_days_to
FROM summary_to b
LEFT JOIN summary_from a ON a.customer_id = b.customer_id
WHERE coalesce(CASE WHEN $dimension = 'lifecycle_stage' THEN a.lifecycle_stage ELSE a.rfm_segment END, 'none') = $source
	AND coalesce(CASE WHEN $dimension = 'lifecycle_stage' THEN b.lifecycle_stage ELSE b.rfm_segment END, 'none') = $target
ORDER BY b.net_revenue DESC, b.customer_id
LIMIT coalesce($limit::BIGINT, 9223372036854775807)
