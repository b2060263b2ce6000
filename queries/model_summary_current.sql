-- Model summary at a calibration end on or after the last purchase or refund in the data: the same rows and values
-- as queries/model_summary.sql, projected from customer_summary (which the metrics refresh builds from customer_day
-- over all the data, in the same transaction) instead of aggregating customer_day again. This is what the model
-- refresh after every ingest reads; src/lib/server/models/summary.ts checks the condition, and
-- tests/models/summary.test.ts that both queries agree.
-- Inputs: $as_of (DATE, end of calibration, on or after every purchase and refund day), $unit_days (1 or 7).
-- Output: as queries/model_summary.sql.
SELECT
	customer_id,
	(purchase_days - 1)::INTEGER AS x,
	(last_purchase_at::DATE - first_purchase_at::DATE) / $unit_days::DOUBLE AS t_x,
	($as_of::DATE - first_purchase_at::DATE) / $unit_days::DOUBLE AS "T",
	CASE WHEN purchase_days > 1
		THEN (purchase_amount - first_purchase_day_amount)::DOUBLE / (purchase_days - 1)
		ELSE 0
	END AS m,
	first_purchase_at::DATE AS first_purchase,
	last_purchase_at::DATE AS last_purchase,
	purchase_amount::DOUBLE AS purchase_amount,
	net_revenue::DOUBLE AS net_revenue
FROM customer_summary
WHERE purchase_days > 0
