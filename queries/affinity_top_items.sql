-- affinity_top_items: the items of one level bought by most customers of a segment ('all' = the whole base), from
-- table affinity_item (refresh step 'affinity'), with the product names (view products).
-- Inputs: $level, $segment, $limit. Output: item, name, orders, customers, customers_total, buyer_share.
SELECT i.item, CASE WHEN i.level = 'product' THEN p.name END AS name, i.orders, i.customers, i.customers_total,
	i.customers::DOUBLE / nullif(i.customers_total, 0) AS buyer_share
FROM affinity_item i
LEFT JOIN products p ON p.product_id = i.item
WHERE i.level = $level AND i.segment = $segment
ORDER BY i.customers DESC, i.item
LIMIT $limit::INTEGER
