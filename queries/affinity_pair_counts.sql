-- affinity_pair_counts: orders with both items, for every pair of items A < B of one level seen together in at
-- least $min_orders orders, over the whole base (segment 'all', $by_segment false) or within each RFM segment (an
-- order is in its customer's segment; $by_segment true). The refresh step 'affinity' writes both into the temporary
-- table affinity_pair_counts (src/lib/server/affinity/build.ts). An item in fewer than $min_orders orders of the
-- base or segment (temporary table affinity_item_counts) cannot be in such a pair there, and an order with fewer
-- than two such items holds none, so both are left out of the self-join. A pair is numbered key_a * 2^24 + key_b
-- (item keys from queries/affinity_basket.sql) so the grouping is on one number.
-- Inputs: $min_orders, $by_segment. Output: level, segment, pair, orders_ab.
WITH frequent AS (
	SELECT b.level, b.order_key, c.segment, b.item_key
	FROM affinity_basket b
	JOIN affinity_item_counts c ON c.level = b.level AND c.item_key = b.item_key
		AND c.segment = CASE WHEN $by_segment::BOOLEAN THEN b.segment ELSE 'all' END
	WHERE c.orders >= $min_orders::INTEGER
),
paired AS (
	SELECT * FROM frequent
	WHERE (level, order_key) IN (SELECT (level, order_key) FROM frequent GROUP BY level, order_key HAVING count(*) >= 2)
)
SELECT a.level, a.segment, a.item_key * 16777216::BIGINT + b.item_key AS pair, count(*)::INTEGER AS orders_ab
FROM paired a
JOIN paired b ON a.order_key = b.order_key AND a.level = b.level AND a.item_key < b.item_key
GROUP BY a.level, a.segment, pair
HAVING count(*) >= $min_orders::INTEGER
