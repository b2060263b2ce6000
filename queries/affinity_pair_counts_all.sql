-- affinity_pair_counts_all: orders with both items, over the whole base, for every pair of items A < B of one level
-- seen together in at least $min_orders orders (temporary table affinity_pair_counts_all of the refresh step
-- 'affinity'). An item in fewer orders than that cannot be in such a pair, so it is left out of the join; a pair
-- is numbered key_a * 2^24 + key_b (item keys from queries/affinity_basket.sql) so the grouping is on one number.
-- Inputs: $min_orders. Output: level, pair, orders_ab.
WITH frequent AS (
	SELECT level, order_key, item_key
	FROM affinity_basket
	WHERE (level, item_key) IN (
		SELECT (level, item_key) FROM affinity_basket GROUP BY level, item_key HAVING count(*) >= $min_orders::INTEGER
	)
)
SELECT a.level, a.item_key * 16777216::BIGINT + b.item_key AS pair, count(*)::INTEGER AS orders_ab
FROM frequent a
JOIN frequent b ON a.order_key = b.order_key AND a.level = b.level AND a.item_key < b.item_key
GROUP BY a.level, pair
HAVING count(*) >= $min_orders::INTEGER
