-- A sample of a list's members for the builder: the most valuable first (predicted CLV, then net revenue).
-- No names or contact details: personal data leaves the server only in an export.
-- Inputs: the rule mark (the compiled rule over customer_features f, values bound as $r0, ...), $limit.
-- Output columns: customer_id, rfm_segment, lifecycle_stage, region, country, orders, net_revenue, predicted_clv,
-- p_alive, churn_band, last_purchase_at ('YYYY-MM-DD').
SELECT
	f.customer_id,
	f.rfm_segment,
	f.lifecycle_stage,
	f.region,
	f.country,
	f.orders,
	f.net_revenue,
	f.predicted_clv,
	f.p_alive,
	f.churn_band,
	strftime(f.last_purchase_at, '%Y-%m-%d') AS last_purchase_at
FROM customer_features f
WHERE {{rule}}
ORDER BY f.predicted_clv DESC NULLS LAST, f.net_revenue DESC NULLS LAST, f.customer_id
LIMIT $limit::INTEGER
