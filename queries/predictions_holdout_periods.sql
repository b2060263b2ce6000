-- Holdout validation, over time: purchase days of the calibration customers in each period of the holdout,
-- period k covering days ($calibration_end + (k-1)*$unit_days, $calibration_end + k*$unit_days].
-- Reads temp.model_summary_now (the calibration customers).
-- Inputs: $calibration_end, $holdout_end (DATEs), $unit_days (1 or 7).
-- Output: period (1, 2, ...), purchases (purchase days in that period); periods without purchases are absent.
SELECT
	ceil((i.occurred_at::DATE - $calibration_end::DATE) / $unit_days::DOUBLE)::INTEGER AS period,
	count(DISTINCT (i.customer_id, i.occurred_at::DATE))::DOUBLE AS purchases
FROM interactions i
SEMI JOIN temp.model_summary_now s ON s.customer_id = i.customer_id
WHERE i.type = 'purchase'
	AND i.occurred_at >= $calibration_end::DATE + 1
	AND i.occurred_at < $holdout_end::DATE + 1
GROUP BY 1
ORDER BY 1
