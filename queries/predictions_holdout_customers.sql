-- Holdout validation, per calibration history: how many purchase days each calibration customer actually had in
-- the holdout period ($calibration_end, $holdout_end], grouped by identical (x, t_x, T, actual) with a count.
-- Reads temp.model_summary_now (queries/model_summary.sql materialised at $calibration_end).
-- Inputs: $calibration_end, $holdout_end (DATEs, both days included in their periods).
-- Output: x, t_x, T (model time unit), actual (purchase days in the holdout), n (customers).
WITH holdout AS (
	SELECT customer_id, count(DISTINCT occurred_at::DATE)::DOUBLE AS actual
	FROM interactions
	WHERE type = 'purchase'
		AND occurred_at >= $calibration_end::DATE + 1
		AND occurred_at < $holdout_end::DATE + 1
	GROUP BY customer_id
)
SELECT s.x::DOUBLE AS x, s.t_x, s."T", coalesce(h.actual, 0) AS actual, count(*)::DOUBLE AS n
FROM temp.model_summary_now s
LEFT JOIN holdout h USING (customer_id)
GROUP BY ALL
