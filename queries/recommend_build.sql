-- recommend_build: the next products for each customer, item to item: a product j the customer has not bought
-- scores the sum, over the products i they bought, of P(j | i) (recommend_neighbours); the $k best by score,
-- ties by the product's orders, then its code (Deshpande & Karypis 2004, item-based top-N). Over the temporary
-- tables affinity_basket (what each customer bought: its product rows) and recommend_neighbours.
-- Inputs: $k. Output: customer_id, rank, product_id, score.
WITH history AS (
	SELECT DISTINCT customer_id, item FROM affinity_basket WHERE level = 'product'
),
popularity AS (
	SELECT item, count(*) AS orders FROM affinity_basket WHERE level = 'product' GROUP BY item
),
scored AS (
	SELECT h.customer_id, n.partner AS product_id, sum(n.confidence) AS score
	FROM history h
	JOIN recommend_neighbours n ON n.item = h.item
	ANTI JOIN history own ON own.customer_id = h.customer_id AND own.item = n.partner
	GROUP BY h.customer_id, n.partner
)
SELECT s.customer_id,
	row_number() OVER (PARTITION BY s.customer_id ORDER BY s.score DESC, p.orders DESC, s.product_id)::INTEGER AS rank,
	s.product_id, s.score
FROM scored s
JOIN popularity p ON p.item = s.product_id
QUALIFY rank <= $k::INTEGER
