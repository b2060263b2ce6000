-- affinity_item_counts: per level, segment ('all' = the whole base) and item, the orders that hold it and the
-- customers who bought it, beside the segment's orders and buyers, over the temporary table affinity_basket
-- (queries/affinity_basket.sql). Counted once per segment; the whole base is the sum of its segments, exactly,
-- because a segment is a customer's (an order's customer is in one segment, so are its buyers). Temporary table
-- affinity_item_counts of the refresh step 'affinity': read by queries/affinity_pair_counts.sql (the items frequent
-- enough to pair), queries/affinity_pair_build.sql (each item's orders) and queries/affinity_item_build.sql.
-- Inputs: none. Output: level, segment, item_key, item, orders, customers, orders_total, customers_total.
WITH per_segment AS (
	SELECT level, segment, item_key, any_value(item) AS item, count(*) AS orders,
		count(DISTINCT customer_id) AS customers
	FROM affinity_basket
	GROUP BY level, segment, item_key
),
segment_totals AS (
	SELECT level, segment, count(DISTINCT order_key) AS orders_total, count(DISTINCT customer_id) AS customers_total
	FROM affinity_basket
	GROUP BY level, segment
),
items AS (
	SELECT level, segment, item_key, item, orders, customers FROM per_segment
	UNION ALL
	SELECT level, 'all', item_key, any_value(item), sum(orders), sum(customers) FROM per_segment GROUP BY level, item_key
),
totals AS (
	SELECT level, segment, orders_total, customers_total FROM segment_totals
	UNION ALL
	SELECT level, 'all', sum(orders_total), sum(customers_total) FROM segment_totals GROUP BY level
)
SELECT i.level, i.segment, i.item_key, i.item, i.orders::INTEGER AS orders, i.customers::INTEGER AS customers,
	t.orders_total::INTEGER AS orders_total, t.customers_total::INTEGER AS customers_total
FROM items i
JOIN totals t USING (level, segment)
