-- recommend_holdout_eval: hit rate at 5 and at 10 of the item-to-item recommendations (temporary table
-- recommend_holdout: made from the orders before each customer's last) and of the popularity baseline (the
-- products in most training orders that the customer has not bought), over the customers of
-- recommend_holdout_orders. A customer is a hit at k when their held-out order holds one of their first k products.
-- Inputs: none (reads temporary tables recommend_holdout, recommend_holdout_last, affinity_basket).
-- Output: method ('item_to_item' | 'popularity'), customers, hits_5, hits_10, hit_rate_5, hit_rate_10.
WITH held AS (
	SELECT DISTINCT l.customer_id, i.product_id
	FROM recommend_holdout_last l
	JOIN interactions i ON i.order_id = l.order_id AND i.customer_id = l.customer_id
	WHERE i.type = 'purchase' AND i.product_id IS NOT NULL
),
history AS (
	SELECT DISTINCT customer_id, item FROM affinity_basket WHERE level = 'product'
),
popular AS (
	SELECT item, count(*) AS orders FROM affinity_basket WHERE level = 'product' GROUP BY item
	ORDER BY orders DESC, item LIMIT 2000
),
baseline AS (
	SELECT l.customer_id, p.item AS product_id,
		row_number() OVER (PARTITION BY l.customer_id ORDER BY p.orders DESC, p.item) AS rank
	FROM recommend_holdout_last l
	CROSS JOIN popular p
	ANTI JOIN history h ON h.customer_id = l.customer_id AND h.item = p.item
	QUALIFY rank <= 10
),
ranked AS (
	SELECT 'item_to_item' AS method, customer_id, product_id, rank FROM recommend_holdout
	UNION ALL
	SELECT 'popularity', customer_id, product_id, rank FROM baseline
),
per_customer AS (
	SELECT m.method, l.customer_id,
		bool_or(r.rank <= 5 AND h.product_id IS NOT NULL) AS hit_5,
		bool_or(r.rank <= 10 AND h.product_id IS NOT NULL) AS hit_10
	FROM (SELECT 'item_to_item' AS method UNION ALL SELECT 'popularity') m
	CROSS JOIN recommend_holdout_last l
	LEFT JOIN ranked r ON r.method = m.method AND r.customer_id = l.customer_id
	LEFT JOIN held h ON h.customer_id = r.customer_id AND h.product_id = r.product_id
	GROUP BY m.method, l.customer_id
)
SELECT method, count(*)::INTEGER AS customers,
	count(*) FILTER (WHERE hit_5)::INTEGER AS hits_5, count(*) FILTER (WHERE hit_10)::INTEGER AS hits_10,
	count(*) FILTER (WHERE hit_5) / count(*) AS hit_rate_5, count(*) FILTER (WHERE hit_10) / count(*) AS hit_rate_10
FROM per_customer
GROUP BY method
ORDER BY method
