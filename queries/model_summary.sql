-- Model summary: one row per customer with a purchase on or before $as_of, the inputs of BG/NBD, Pareto/NBD and
-- Gamma-Gamma (the "RFM summary" of Fader & Hardie; equals lifetimes' summary_data_from_transaction_data).
-- Reads customer_day (one row per customer and business-local day, rebuilt by the metrics refresh step before the
-- models step runs: queries/customer_day_refresh.sql), so purchases on the same calendar day are already merged
-- into one purchase day with their amounts summed, and refunds are already negative. Days with a refund and no
-- purchase count only towards net_revenue (aggregated apart: they are few, and the main GROUP BY stays unfiltered).
-- At a calibration end on or after every purchase and refund, queries/model_summary_current.sql gives the same
-- rows from customer_summary, without this aggregation.
-- Inputs: $as_of (DATE, end of calibration, that day included), $unit_days (1 for days, 7 for weeks).
-- Output: customer_id, x (purchase days - 1), t_x (last - first purchase day), T ($as_of - first purchase day),
--   both in units of $unit_days; m (mean spend of the repeat purchase days, first day excluded; 0 when x = 0),
--   first_purchase, last_purchase (DATE), purchase_amount (purchases up to $as_of, refunds not deducted),
--   net_revenue (purchases minus refunds up to $as_of: the historic CLV).
-- m here is gross; src/lib/server/models/summary.ts then nets refunds out of it (queries/model_summary_net_spend.sql).
WITH purchase_days AS (
	SELECT
		customer_id,
		count(*) - 1 AS x,
		min(day) AS first_purchase,
		max(day) AS last_purchase,
		sum(purchase_amount) AS spend,
		arg_min(purchase_amount, day) AS first_spend,
		sum(net_revenue) AS net_revenue
	FROM customer_day
	WHERE day <= $as_of::DATE AND purchases > 0
	GROUP BY customer_id
),
refund_only_days AS (
	SELECT customer_id, sum(net_revenue) AS net_revenue
	FROM customer_day
	WHERE day <= $as_of::DATE AND purchases = 0 AND refunds > 0
	GROUP BY customer_id
)
SELECT
	p.customer_id,
	p.x::INTEGER AS x,
	(p.last_purchase - p.first_purchase) / $unit_days::DOUBLE AS t_x,
	($as_of::DATE - p.first_purchase) / $unit_days::DOUBLE AS "T",
	CASE WHEN p.x > 0 THEN (p.spend - p.first_spend)::DOUBLE / p.x ELSE 0 END AS m,
	p.first_purchase,
	p.last_purchase,
	p.spend::DOUBLE AS purchase_amount,
	(p.net_revenue + coalesce(r.net_revenue, 0))::DOUBLE AS net_revenue
FROM purchase_days p
LEFT JOIN refund_only_days r ON r.customer_id = p.customer_id
