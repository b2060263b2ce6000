-- One customer's orders: purchases grouped by order_id (a purchase row without order_id is its own order),
-- refunds attached to the order they name. Newest first.
-- Inputs: $customer_id, $limit.
-- Output: order_id, day ('YYYY-MM-DD'), channel, items (quantity), categories, purchase_amount, refund_amount (<= 0),
--   net_amount, total (orders of the customer).
WITH rows AS (
	SELECT
		coalesce(order_id, interaction_id) AS order_key,
		order_id IS NULL AS no_order_id,
		occurred_at, type, channel, quantity, category, amount
	FROM interactions
	WHERE customer_id = $customer_id::VARCHAR AND type IN ('purchase', 'refund')
),
orders AS (
	SELECT
		order_key,
		min(occurred_at) FILTER (WHERE type = 'purchase') AS purchased_at,
		min(occurred_at) AS first_at,
		any_value(channel) FILTER (WHERE type = 'purchase') AS channel,
		sum(quantity) FILTER (WHERE type = 'purchase') AS items,
		string_agg(DISTINCT category, ', ' ORDER BY category) AS categories,
		coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)::DOUBLE AS purchase_amount,
		coalesce(sum(amount) FILTER (WHERE type = 'refund'), 0)::DOUBLE AS refund_amount
	FROM rows
	GROUP BY order_key
)
SELECT
	order_key AS order_id,
	strftime(coalesce(purchased_at, first_at), '%Y-%m-%d') AS day,
	channel, items, categories, purchase_amount, refund_amount,
	purchase_amount + refund_amount AS net_amount,
	count(*) OVER () AS total
FROM orders
ORDER BY coalesce(purchased_at, first_at) DESC, order_key DESC
LIMIT $limit::INTEGER
