-- Nets refunds out of the mean repeat spend m of temp.model_summary_now (queries/model_summary.sql or
-- model_summary_current.sql at $as_of), the Gamma-Gamma input (docs/MODELS.md, "Spend net of refunds").
-- Refunds up to $as_of are attributed to purchase days in two ways:
-- - by order: a refund whose order_id is the order_id of a purchase of the same customer belongs to that order and is
--   deducted from the order's purchase day (the day of its earliest row), even when the refund came later;
-- - per customer: every other refund (no order id, or one that names no purchase, e.g. Online Retail II's
--   'C'-prefixed cancellation invoices) is spread over the customer's purchase days in proportion to their spend.
-- So the repeat days' net spend = gross repeat spend − refunds of repeat-day orders − unmatched refunds · (gross
-- repeat spend / gross spend), rounded to the cent (amounts are DECIMAL(18, 2): a full refund gives exactly 0, not a
-- rounding residue), floored at 0, and m = that / x. m = 0 (fully refunded repeat days) means no positive spend: the
-- customer is left out of the Gamma-Gamma fit, as is any customer whose net_revenue is <= 0.
-- Only customers with a refund up to $as_of are updated (purchase_amount > net_revenue).
-- Inputs: $as_of (DATE, end of calibration, included).
UPDATE temp.model_summary_now AS s
SET m = CASE WHEN s.x > 0
	THEN greatest(0, round(s.m * s.x - u.on_repeat_orders
		- (u.refunds - u.matched) * (s.m * s.x) / nullif(s.purchase_amount, 0), 2)) / s.x
	ELSE 0 END
FROM (
	WITH refunds AS (
		SELECT customer_id, order_id, abs(amount) AS amount
		FROM interactions
		WHERE type = 'refund' AND order_id IS NOT NULL AND occurred_at::DATE <= $as_of::DATE
	),
	refunded_orders AS (
		-- the purchase day of each order that has a refund: the day of its earliest purchase row
		SELECT p.customer_id, p.order_id, min(p.occurred_at)::DATE AS day
		FROM interactions p
		SEMI JOIN refunds r ON r.customer_id = p.customer_id AND r.order_id = p.order_id
		WHERE p.type = 'purchase'
		GROUP BY p.customer_id, p.order_id
	),
	matched AS (
		SELECT
			r.customer_id,
			sum(r.amount) AS matched,
			sum(r.amount) FILTER (WHERE o.day > c.first_purchase) AS on_repeat_orders
		FROM refunds r
		JOIN refunded_orders o ON o.customer_id = r.customer_id AND o.order_id = r.order_id
		JOIN temp.model_summary_now c ON c.customer_id = r.customer_id
		WHERE o.day <= $as_of::DATE
		GROUP BY r.customer_id
	)
	SELECT
		c.customer_id,
		c.purchase_amount - c.net_revenue AS refunds,
		coalesce(m.matched, 0) AS matched,
		coalesce(m.on_repeat_orders, 0) AS on_repeat_orders
	FROM temp.model_summary_now c
	LEFT JOIN matched m ON m.customer_id = c.customer_id
	WHERE c.purchase_amount > c.net_revenue
) AS u
WHERE s.customer_id = u.customer_id
