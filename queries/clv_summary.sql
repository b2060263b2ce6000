-- The customer base's predicted value from the latest BG/NBD run (the overview's CLV card).
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts) and the
-- newest BG/NBD run in table predictions (picked as in queries/customer_features.sql).
-- Inputs (NULL = not filtered): $region, $acquisition_channel, $segment, $lifecycle.
-- Output: one row, or none when there are no BG/NBD predictions: customers (filtered customers with a prediction),
--   predicted_clv (sum over them; NULL without a spend model), mean_p_alive, expected_purchases (sum over the
--   horizon), horizon_days, model, as_of (the predictions' as-of date, 'YYYY-MM-DD').
WITH latest_fit AS (
	SELECT fit_id, as_of, model FROM predictions WHERE model = 'bgnbd' ORDER BY as_of DESC, fit_id DESC LIMIT 1
),
prediction AS (
	SELECT p.customer_id, p.horizon_days, p.predicted_clv, p.p_alive, p.expected_purchases
	FROM predictions p JOIN latest_fit USING (fit_id)
	WHERE p.model = 'bgnbd'
	QUALIFY row_number() OVER (PARTITION BY p.customer_id ORDER BY p.horizon_days DESC) = 1
),
chosen AS (
	SELECT p.*
	FROM customer_summary s
	JOIN prediction p ON p.customer_id = s.customer_id
	WHERE ($region::VARCHAR IS NULL OR s.region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR s.acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR s.rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR s.lifecycle_stage = $lifecycle::VARCHAR)
)
SELECT
	(SELECT count(*) FROM chosen)::BIGINT AS customers,
	(SELECT sum(predicted_clv) FROM chosen)::DOUBLE AS predicted_clv,
	(SELECT avg(p_alive) FROM chosen)::DOUBLE AS mean_p_alive,
	(SELECT sum(expected_purchases) FROM chosen)::DOUBLE AS expected_purchases,
	coalesce((SELECT max(horizon_days) FROM chosen), (SELECT max(horizon_days) FROM prediction))::INTEGER
		AS horizon_days,
	f.model,
	strftime(f.as_of, '%Y-%m-%d') AS as_of
FROM latest_fit f
