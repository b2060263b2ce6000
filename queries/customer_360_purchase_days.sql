-- The business-local days on which one customer purchased (same-day purchases merged, as in the model summary),
-- for recomputing P(alive) at past dates.
-- Inputs: $customer_id.
-- Output: day ('YYYY-MM-DD'), ascending.
SELECT DISTINCT strftime(occurred_at::DATE, '%Y-%m-%d') AS day
FROM interactions
WHERE customer_id = $customer_id::VARCHAR AND type = 'purchase'
ORDER BY day
