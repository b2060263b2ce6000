-- affinity_pairs: the stored pair statistics of one level and segment (table affinity_pair, refresh step
-- 'affinity'), pairs seen together in at least $min_orders orders, with the product names (view products; NULL
-- for categories and for codes the data never named), sorted by $sort (lift | support | confidence | orders |
-- chi_square, descending; ties by orders with both, then the codes).
-- Inputs: $level ('product' | 'category'), $segment ('all' or an RFM segment key), $min_orders, $sort, $limit.
-- Output: level, segment, item_a, name_a, item_b, name_b, orders_ab, orders_a, orders_b, orders_total, support,
--   confidence_ab, confidence_ba, lift, chi_square.
SELECT p.level, p.segment, p.item_a, na.name AS name_a, p.item_b, nb.name AS name_b, p.orders_ab, p.orders_a,
	p.orders_b, p.orders_total, p.support, p.confidence_ab, p.confidence_ba, p.lift, p.chi_square
FROM affinity_pair p
LEFT JOIN products na ON p.level = 'product' AND na.product_id = p.item_a
LEFT JOIN products nb ON p.level = 'product' AND nb.product_id = p.item_b
WHERE p.level = $level AND p.segment = $segment AND p.orders_ab >= $min_orders::INTEGER
ORDER BY CASE $sort
		WHEN 'support' THEN p.support
		WHEN 'confidence' THEN greatest(p.confidence_ab, p.confidence_ba)
		WHEN 'orders' THEN p.orders_ab
		WHEN 'chi_square' THEN p.chi_square
		ELSE p.lift
	END DESC NULLS LAST, p.orders_ab DESC, p.item_a, p.item_b
LIMIT $limit::INTEGER
