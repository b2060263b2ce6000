-- Model summary: one row per customer with a purchase on or before $as_of, the inputs of BG/NBD, Pareto/NBD and
-- Gamma-Gamma (the "RFM summary" of Fader & Hardie; equals lifetimes' summary_data_from_transaction_data).
-- Purchases on the same calendar day (business local time) are merged into one purchase day, amounts summed.
-- Inputs: $as_of (DATE, end of calibration, that day included), $unit_days (1 for days, 7 for weeks).
-- Output: customer_id, x (purchase days - 1), t_x (last - first purchase day), T ($as_of - first purchase day),
--   both in units of $unit_days; m (mean spend of the repeat purchase days, first day excluded; 0 when x = 0),
--   first_purchase, last_purchase (DATE), net_revenue (purchases minus refunds up to $as_of: the historic CLV).
WITH days AS (
	SELECT
		customer_id,
		occurred_at::DATE AS day,
		bool_or(type = 'purchase') AS bought,
		coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)::DOUBLE AS spend,
		coalesce(sum(amount), 0)::DOUBLE AS net
	FROM interactions
	WHERE type IN ('purchase', 'refund') AND occurred_at < $as_of::DATE + 1
	GROUP BY ALL
),
per_customer AS (
	SELECT
		customer_id,
		count(*) FILTER (WHERE bought) - 1 AS x,
		min(day) FILTER (WHERE bought) AS first_purchase,
		max(day) FILTER (WHERE bought) AS last_purchase,
		sum(spend) AS spend,
		arg_min(spend, day) FILTER (WHERE bought) AS first_spend,
		sum(net) AS net_revenue
	FROM days
	GROUP BY customer_id
	HAVING count(*) FILTER (WHERE bought) > 0
)
SELECT
	customer_id,
	x::INTEGER AS x,
	(last_purchase - first_purchase) / $unit_days::DOUBLE AS t_x,
	($as_of::DATE - first_purchase) / $unit_days::DOUBLE AS "T",
	CASE WHEN x > 0 THEN (spend - first_spend) / x ELSE 0 END AS m,
	first_purchase,
	last_purchase,
	net_revenue
FROM per_customer
