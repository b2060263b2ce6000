-- Alert "a high-value customer is slipping away": the customers in the top $top_share of predicted CLV (current
-- predictions) whose P(alive) is now below $below and was at or above it at the last evaluation
-- (alert_p_alive_snapshot). A customer absent from the snapshot (first evaluation, or new) has not crossed.
-- Inputs: $top_share DOUBLE (0..1), $below DOUBLE (0..1).
-- Output: customer_id, p_alive_before, p_alive, predicted_clv; ordered by predicted_clv descending.
WITH ranked AS (
	SELECT customer_id, p_alive, predicted_clv,
		percent_rank() OVER (ORDER BY predicted_clv DESC) AS clv_rank
	FROM current_predictions
	WHERE predicted_clv IS NOT NULL
)
SELECT r.customer_id, s.p_alive AS p_alive_before, r.p_alive, r.predicted_clv
FROM ranked r
JOIN alert_p_alive_snapshot s USING (customer_id)
WHERE r.clv_rank < $top_share::DOUBLE AND r.p_alive < $below::DOUBLE AND s.p_alive >= $below::DOUBLE
ORDER BY r.predicted_clv DESC, r.customer_id
