-- Totals over the customer summary (the `crm summary` figures), for the customers the filters select.
-- Reads the relation customer_summary: the materialised table, or the on-the-fly summary of
-- customer_summary_compute.sql for another as-of date / window / channel (src/lib/server/metrics/summary.ts).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment (rfm_segment key), $lifecycle.
-- Output (one row): customers, customers_with_purchase, repeat_customers, repeat_purchase_rate (0..1), orders,
--   purchase_days, purchase_amount, refund_amount, net_revenue, avg_order_value (net revenue / orders),
--   orders_per_customer and revenue_per_customer (per customer with a purchase), mean_recency_days,
--   median_recency_days, mean_days_between_orders (mean over customers with >= 2 purchase days).
SELECT
	count(*) AS customers,
	count(*) FILTER (WHERE orders > 0) AS customers_with_purchase,
	count(*) FILTER (WHERE orders > 1) AS repeat_customers,
	(count(*) FILTER (WHERE orders > 1))::DOUBLE / nullif(count(*) FILTER (WHERE orders > 0), 0) AS repeat_purchase_rate,
	coalesce(sum(orders), 0)::BIGINT AS orders,
	coalesce(sum(purchase_days), 0)::BIGINT AS purchase_days,
	coalesce(sum(purchase_amount), 0)::DOUBLE AS purchase_amount,
	coalesce(sum(refund_amount), 0)::DOUBLE AS refund_amount,
	coalesce(sum(net_revenue), 0)::DOUBLE AS net_revenue,
	sum(net_revenue)::DOUBLE / nullif(sum(orders), 0) AS avg_order_value,
	sum(orders)::DOUBLE / nullif(count(*) FILTER (WHERE orders > 0), 0) AS orders_per_customer,
	(sum(net_revenue) FILTER (WHERE orders > 0))::DOUBLE / nullif(count(*) FILTER (WHERE orders > 0), 0)
		AS revenue_per_customer,
	avg(recency_days) FILTER (WHERE orders > 0) AS mean_recency_days,
	median(recency_days) FILTER (WHERE orders > 0)::DOUBLE AS median_recency_days,
	avg(mean_days_between_orders) AS mean_days_between_orders
FROM customer_summary
WHERE ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
	AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
	AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
	AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
	AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
