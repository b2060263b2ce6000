-- affinity_item_build: per level, segment ('all' = the whole base) and item, the orders that hold it and the
-- customers who bought it, beside the segment's orders and buyers, over the temporary table affinity_basket
-- (queries/affinity_basket.sql). The popularity of each item: the baseline of the recommendation check and the
-- "buy most" side of the cross-sell per segment.
-- Inputs: none. Output: level, segment, item, orders, customers, orders_total, customers_total.
WITH per_item AS (
	SELECT level, CASE WHEN grouping(segment) = 1 THEN 'all' ELSE segment END AS segment, item,
		count(*)::INTEGER AS orders, count(DISTINCT customer_id)::INTEGER AS customers
	FROM affinity_basket
	GROUP BY GROUPING SETS ((level, item), (level, segment, item))
),
totals AS (
	SELECT level, CASE WHEN grouping(segment) = 1 THEN 'all' ELSE segment END AS segment,
		count(DISTINCT order_key)::INTEGER AS orders_total, count(DISTINCT customer_id)::INTEGER AS customers_total
	FROM affinity_basket
	GROUP BY GROUPING SETS ((level), (level, segment))
)
SELECT p.level, p.segment, p.item, p.orders, p.customers, t.orders_total, t.customers_total
FROM per_item p
JOIN totals t USING (level, segment)
