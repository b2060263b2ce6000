-- Which channels each customer has used (any interaction type) before the as-of date: serves the $channel filter of
-- the customer-level period metrics (KPIs, cohorts, lifecycle, funnel, CSAT, tickets).
-- {{customers}} is set by code (periods-refresh.ts): TRUE, or a semi-join on the temporary table period_customers
--   (the customers an incremental refresh rebuilds; every statement here is per customer).
-- Inputs: $as_of DATE (exclusive). Output: customer_id, channel.
SELECT DISTINCT customer_id, channel
FROM customer_day_channel
WHERE channel IS NOT NULL AND day < $as_of::DATE AND {{customers}}
ORDER BY channel
