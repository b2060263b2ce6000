-- One customer's interactions across channels, newest first (the customer 360 timeline). The rows of one order
-- are one event (an invoice of 20 lines is one purchase): purchase rows with the same order_id, and refund rows
-- with the same order_id, each become one event at their earliest time; every other row is an event by itself.
-- Inputs: $customer_id, $limit (most recent events to return).
-- Output: occurred_at ('YYYY-MM-DD HH:MM'), day ('YYYY-MM-DD'), type, channel, order_id, amount (sum over the
--   order's rows), quantity (sum), category (the order's categories, comma-separated), csat, resolution_hours
--   (support tickets), lines (rows in the event), total (events of the customer).
WITH events AS (
	SELECT
		CASE WHEN type IN ('purchase', 'refund') AND order_id IS NOT NULL THEN type || ':' || order_id
			ELSE 'row:' || interaction_id END AS event_key,
		min(occurred_at) AS event_at,
		arg_min(interaction_id, (occurred_at, interaction_id)) AS first_id,
		any_value(type) AS type,
		arg_min(channel, (occurred_at, interaction_id)) AS channel,
		any_value(order_id) AS order_id,
		sum(amount)::DOUBLE AS amount,
		sum(quantity) AS quantity,
		string_agg(DISTINCT category, ', ' ORDER BY category) AS category,
		any_value(csat) AS csat,
		max(round(epoch(resolved_at - occurred_at) / 3600.0, 1)) AS resolution_hours,
		count(*) AS lines
	FROM interactions
	WHERE customer_id = $customer_id::VARCHAR
	GROUP BY event_key
)
SELECT
	strftime(event_at, '%Y-%m-%d %H:%M') AS occurred_at,
	strftime(event_at, '%Y-%m-%d') AS day,
	type, channel, order_id, amount, quantity, category, csat, resolution_hours,
	lines::INTEGER AS lines,
	count(*) OVER () AS total
FROM events
ORDER BY event_at DESC, first_id DESC
LIMIT $limit::INTEGER
