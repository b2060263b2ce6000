-- campaigns/responses: each member's response over the campaign's response window, the one definition the
-- group figures and the daily curve read (pasted as a subquery by results_groups.sql).
-- Window: send_date (inclusive) .. send_date + window_days (exclusive), business-local time. A converter is a member
-- with at least one purchase in the window; orders = distinct orders (or purchase rows without an order id);
-- revenue = purchases plus refunds (negative) in the window.
-- The window is bound ($send_date, $window_days: the campaign's own, results.ts) rather than read from campaigns in a
-- join, so that it is a filter of the interactions scan itself (about 3% of its rows at 1M customers) instead of a
-- join against every row of the table. The types are also asked as a range ('purchase' .. 'refund', a superset of
-- the two): DuckDB applies a range inside the scan, while it keeps an IN list for after it (8-10% less CPU at 1M).
-- Inputs: $campaign_id, $send_date, $window_days. Output columns: customer_id, treated, stratum, orders, revenue,
-- first_day (days from send_date of the first purchase, NULL for a non-converter).
WITH m AS (SELECT customer_id, treated, stratum FROM campaign_members WHERE campaign_id = $campaign_id::BIGINT),
r AS (
	SELECT i.customer_id,
		count(DISTINCT coalesce(i.order_id, i.interaction_id)) FILTER (WHERE i.type = 'purchase') AS orders,
		sum(i.amount)::DOUBLE AS revenue,
		date_diff('day', $send_date::DATE::TIMESTAMP, min(i.occurred_at) FILTER (WHERE i.type = 'purchase')) AS first_day
	FROM interactions i
	WHERE i.occurred_at >= $send_date::DATE::TIMESTAMP
	  AND i.occurred_at < $send_date::DATE::TIMESTAMP + to_days($window_days::INTEGER)
	  AND i.type BETWEEN 'purchase' AND 'refund' AND i.type IN ('purchase', 'refund')
	  AND i.customer_id IN (SELECT customer_id FROM m)
	GROUP BY i.customer_id
)
SELECT m.customer_id, m.treated, m.stratum, coalesce(r.orders, 0) AS orders, coalesce(r.revenue, 0) AS revenue, r.first_day
FROM m LEFT JOIN r ON r.customer_id = m.customer_id
