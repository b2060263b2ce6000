-- Segment migration: how customers moved between RFM segments (or lifecycle stages) from one as-of date to another.
-- Inputs: relations summary_from and summary_to (the customer summary at each as-of date, supplied as CTEs by
-- src/lib/server/metrics/migration.ts from the metrics' customer_summary_compute.sql), $dimension
-- ('rfm_segment' | 'lifecycle_stage'). A customer without a value (no purchase yet) is 'none'.
-- Output columns: source, target, customers, revenue_between (net revenue earned between the two dates),
-- revenue_to (net revenue to date at the second date).
SELECT
	coalesce(CASE WHEN $dimension = 'lifecycle_stage' THEN a.lifecycle_stage ELSE a.rfm_segment END, 'none') AS source,
	coalesce(CASE WHEN $dimension = 'lifecycle_stage' THEN b.lifecycle_stage ELSE b.rfm_segment END, 'none') AS target,
	count(*)::BIGINT AS customers,
	sum(b.net_revenue - coalesce(a.net_revenue, 0))::DOUBLE AS revenue_between,
	sum(b.net_revenue)::DOUBLE AS revenue_to
FROM summary_to b
LEFT JOIN summary_from a ON a.customer_id = b.customer_id
GROUP BY ALL
ORDER BY source, target
