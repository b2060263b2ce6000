-- affinity_basket: the distinct items of every order, at the two levels of the affinity ('product': product_id,
-- 'category': category), with the RFM segment of the order's customer (customer_summary, refresh step 'metrics'). An order is an order id (an invoice);
-- only purchases count, so refunds and cancellations (type 'refund', Online Retail's C invoices) are left out.
-- Stored as a temporary table by the refresh step 'affinity' (src/lib/server/affinity/build.ts), read by
-- queries/affinity_item_counts.sql, queries/affinity_pair_counts.sql and the recommendation statements.
-- Inputs: none (reads interactions and customer_summary: its rfm_segment; a customer without one is in 'others').
-- Output: level, order_id, customer_id, segment, item, order_key and item_key (integer numbers of the order and of
--   the item within its level: the pair build joins and groups on them). order_key is any distinct number per order
--   (numbered once per order, not by a sort of every line); item_key follows the items' order (A < B as codes is
--   key A < key B), numbered over the distinct items only.
WITH lines AS (
	SELECT order_id, customer_id, product_id, category
	FROM interactions
	WHERE type = 'purchase' AND order_id IS NOT NULL
),
orders AS (
	SELECT o.order_id, o.customer_id, coalesce(sc.rfm_segment, 'others') AS segment,
		row_number() OVER ()::INTEGER AS order_key
	FROM (SELECT order_id, min(customer_id) AS customer_id FROM lines GROUP BY order_id) o
	LEFT JOIN customer_summary sc USING (customer_id)
),
items AS (
	SELECT DISTINCT 'product' AS level, order_id, product_id AS item FROM lines WHERE product_id IS NOT NULL
	UNION ALL
	SELECT DISTINCT 'category' AS level, order_id, category AS item FROM lines WHERE category IS NOT NULL
),
item_keys AS (
	SELECT level, item, row_number() OVER (PARTITION BY level ORDER BY item)::INTEGER AS item_key
	FROM (SELECT DISTINCT level, item FROM items)
)
SELECT i.level, i.order_id, o.customer_id, o.segment, i.item, o.order_key, k.item_key
FROM items i
JOIN orders o USING (order_id)
JOIN item_keys k USING (level, item)
