-- recommend_holdout_orders: the last order of every customer with two orders or more (purchases with an order
-- id; the latest by time, ties by order id), hidden by the recommendation check (src/lib/server/affinity/
-- holdout.ts): recommendations are made from the orders before it and hit when it holds one of them.
-- Inputs: none. Output: customer_id, order_id.
WITH orders AS (
	SELECT customer_id, order_id, max(occurred_at) AS last_at
	FROM interactions
	WHERE type = 'purchase' AND order_id IS NOT NULL AND product_id IS NOT NULL
	GROUP BY customer_id, order_id
)
SELECT customer_id, order_id
FROM orders
WHERE customer_id IN (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 2)
QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY last_at DESC, order_id DESC) = 1
