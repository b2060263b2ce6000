-- Which channels each customer has used (any interaction type) before the as-of date: serves the $channel filter of
-- the customer-level period metrics (KPIs, cohorts, lifecycle, funnel, CSAT, tickets).
-- Inputs: $as_of DATE (exclusive). Output: customer_id, channel.
SELECT DISTINCT customer_id, channel
FROM customer_day_channel
WHERE channel IS NOT NULL AND day < $as_of::DATE
ORDER BY channel
