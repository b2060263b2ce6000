-- recommend_neighbours: for every product, the products bought with it most often, each with the confidence
-- P(j | i) = orders with both / orders with i, at most $neighbours per product (the neighbourhood of item-based
-- top-N recommendation, Deshpande & Karypis 2004, with their conditional-probability similarity). Over the
-- temporary tables affinity_item_counts and affinity_pair_counts (whole base: pairs in at least the stored minimum
-- of orders).
-- Inputs: $neighbours. Output: item, partner, confidence.
WITH items AS (
	SELECT item_key, item, orders FROM affinity_item_counts WHERE level = 'product' AND segment = 'all'
),
both_ways AS (
	SELECT pair // 16777216 AS key_i, pair % 16777216 AS key_j, orders_ab
	FROM affinity_pair_counts WHERE level = 'product' AND segment = 'all'
	UNION ALL
	SELECT pair % 16777216, pair // 16777216, orders_ab
	FROM affinity_pair_counts WHERE level = 'product' AND segment = 'all'
)
SELECT i.item, j.item AS partner, p.orders_ab::DOUBLE / i.orders AS confidence
FROM both_ways p
JOIN items i ON i.item_key = p.key_i
JOIN items j ON j.item_key = p.key_j
QUALIFY row_number() OVER (PARTITION BY i.item ORDER BY p.orders_ab DESC, j.item) <= $neighbours::INTEGER
