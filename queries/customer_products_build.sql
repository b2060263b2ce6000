-- customer_products_build: per customer, the products and categories they bought (in orders: purchases with an order
-- id, as the affinity counts them, over the temporary table affinity_basket) and their recommended products (table
-- recommendation, best first). customer_features.sql joins it, so list rules can say "has bought product X",
-- "bought category A and not B", "recommended product is X" (fields products_bought, categories_bought,
-- recommended_products in src/lib/server/lists/fields.ts).
-- Inputs: none. Output: customer_id, products_bought, categories_bought, recommended_products (VARCHAR[], sorted;
--   recommended_products in rank order).
WITH bought AS (
	SELECT customer_id,
		list(DISTINCT item ORDER BY item) FILTER (WHERE level = 'product') AS products_bought,
		list(DISTINCT item ORDER BY item) FILTER (WHERE level = 'category') AS categories_bought
	FROM affinity_basket
	GROUP BY customer_id
),
recommended AS (
	SELECT customer_id, list(product_id ORDER BY rank) AS recommended_products
	FROM recommendation
	GROUP BY customer_id
)
SELECT b.customer_id, coalesce(b.products_bought, []) AS products_bought,
	coalesce(b.categories_bought, []) AS categories_bought,
	coalesce(r.recommended_products, []) AS recommended_products
FROM bought b
LEFT JOIN recommended r USING (customer_id)
