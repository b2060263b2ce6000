-- affinity_pair_counts_segment: orders with both items within each RFM segment (an order is in its customer's
-- segment), for the pairs of affinity_pair_counts_all (a pair rarer in the whole base is rarer in every segment),
-- kept when the segment has at least $min_orders such orders.
-- Inputs: $min_orders. Output: level, segment, pair, orders_ab.
SELECT a.level, a.segment, a.item_key * 16777216::BIGINT + b.item_key AS pair, count(*)::INTEGER AS orders_ab
FROM affinity_basket a
JOIN affinity_basket b ON a.order_key = b.order_key AND a.level = b.level AND a.item_key < b.item_key
WHERE (a.level, a.item_key * 16777216::BIGINT + b.item_key) IN (SELECT (level, pair) FROM affinity_pair_counts_all)
GROUP BY a.level, a.segment, pair
HAVING count(*) >= $min_orders::INTEGER
