-- One customer's interactions across channels, newest first (the customer 360 timeline).
-- Inputs: $customer_id, $limit (most recent rows to return).
-- Output: occurred_at ('YYYY-MM-DD HH:MM'), day ('YYYY-MM-DD'), type, channel, order_id, amount, quantity,
--   category, csat, resolution_hours (support tickets), total (all interactions of the customer).
SELECT
	strftime(occurred_at, '%Y-%m-%d %H:%M') AS occurred_at,
	strftime(occurred_at, '%Y-%m-%d') AS day,
	type,
	channel,
	order_id,
	amount::DOUBLE AS amount,
	quantity,
	category,
	csat,
	round(epoch(resolved_at - occurred_at) / 3600.0, 1) AS resolution_hours,
	count(*) OVER () AS total
FROM interactions
WHERE customer_id = $customer_id::VARCHAR
ORDER BY interactions.occurred_at DESC, interaction_id DESC
LIMIT $limit::INTEGER
