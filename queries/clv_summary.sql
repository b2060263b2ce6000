-- The customer base's predicted value from the latest BG/NBD run (the overview's CLV card).
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts) and the
-- BG/NBD predictions of the latest model refresh (view current_predictions).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: one row, or none when there are no BG/NBD predictions: customers (filtered customers with a prediction),
--   predicted_clv (sum over them; NULL without a spend model), mean_p_alive, expected_purchases (sum over the
--   horizon), horizon_days, model, as_of (the predictions' as-of date, 'YYYY-MM-DD').
WITH prediction AS (
	SELECT customer_id, horizon_days, predicted_clv, p_alive, expected_purchases, as_of, model
	FROM current_predictions
),
latest_fit AS (
	-- the run behind the predictions (one run at a time: see queries/migrations/010_current_predictions.sql)
	SELECT model, max(as_of) AS as_of FROM prediction GROUP BY model
),
chosen AS (
	SELECT p.*
	FROM customer_summary s
	JOIN prediction p ON p.customer_id = s.customer_id
	WHERE ($region::VARCHAR IS NULL OR s.region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR s.country = $country::VARCHAR)
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
