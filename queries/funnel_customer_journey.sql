-- One row per customer with any interaction before the as-of date: the day each journey stage was first reached.
-- {{customers}} is set by code (periods-refresh.ts): TRUE, or a semi-join on the temporary table period_customers
--   (the customers an incremental refresh rebuilds; every statement here is per customer).
-- Inputs: $as_of DATE (exclusive).
-- Output: customer_id, first_interaction_day, first_engaged_day (first email_click, web_visit, call or support_ticket),
--   first_purchase_day, repeat_purchase_day (day the customer's second order was placed), region,
--   country, acquisition_channel, rfm_segment, lifecycle_stage.
WITH days AS (
	SELECT customer_id, day, orders,
		email_clicks + web_visits + calls + support_tickets > 0 AS engaged,
		sum(orders) OVER (PARTITION BY customer_id ORDER BY day) AS orders_to_date
	FROM customer_day
	WHERE day < $as_of::DATE AND {{customers}}
),
stages AS (
	SELECT customer_id,
		min(day) AS first_interaction_day,
		min(day) FILTER (WHERE engaged) AS first_engaged_day,
		min(day) FILTER (WHERE orders > 0) AS first_purchase_day,
		min(day) FILTER (WHERE orders_to_date >= 2) AS repeat_purchase_day
	FROM days
	GROUP BY customer_id
)
SELECT st.*, s.region, s.country, s.acquisition_channel, s.rfm_segment, s.lifecycle_stage
FROM stages st
LEFT JOIN customer_summary s USING (customer_id)
ORDER BY st.first_interaction_day
