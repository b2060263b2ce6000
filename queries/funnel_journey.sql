-- The journey funnel over customers whose first interaction falls in the range (default: all), from customer_journey:
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter (customers who used that channel); kept out of the SQL when unused, for speed.
--   1 any interaction -> 2 engaged (email_click, web_visit, call or support_ticket) -> 3 first purchase ->
--   4 repeat purchase (a second order) -> 5 loyal (rfm_segment 'champions' or 'loyal_customers').
-- Stages 1-4 count what happened before the as-of date; stage 5 is the customer's current segment.
-- Inputs: $from / $to (first interaction day, inclusive), $region, $acquisition_channel, $segment, $lifecycle,
--   channel (customers who used it).
-- Output: step (1..5), stage, customers (reached the stage, whatever the earlier ones), customers_nested (reached it
--   and every earlier stage), share_of_start (customers_nested / stage 1), conversion (customers_nested / previous
--   stage's customers_nested).
WITH j AS (
	SELECT first_engaged_day IS NOT NULL AS engaged, first_purchase_day IS NOT NULL AS purchased,
		repeat_purchase_day IS NOT NULL AS repeated,
		coalesce(rfm_segment IN ('champions', 'loyal_customers'), false) AS loyal
	FROM customer_journey
	WHERE ($from::DATE IS NULL OR first_interaction_day >= $from::DATE)
		AND ($to::DATE IS NULL OR first_interaction_day <= $to::DATE)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
agg AS (
	SELECT count(*) AS s1,
		count_if(engaged) AS e, count_if(purchased) AS p, count_if(repeated) AS r, count_if(loyal) AS l,
		count_if(engaged AND purchased) AS ep, count_if(engaged AND purchased AND repeated) AS epr,
		count_if(engaged AND purchased AND repeated AND loyal) AS eprl
	FROM j
),
stages AS (
	SELECT unnest([
		{'step': 1, 'stage': 'any_interaction', 'customers': s1, 'nested': s1},
		{'step': 2, 'stage': 'engaged', 'customers': e, 'nested': e},
		{'step': 3, 'stage': 'first_purchase', 'customers': p, 'nested': ep},
		{'step': 4, 'stage': 'repeat_purchase', 'customers': r, 'nested': epr},
		{'step': 5, 'stage': 'loyal', 'customers': l, 'nested': eprl}
	]) AS s, s1
	FROM agg
)
SELECT s.step AS step, s.stage AS stage, s.customers::BIGINT AS customers, s.nested::BIGINT AS customers_nested,
	s.nested / nullif(s1, 0) AS share_of_start,
	s.nested / nullif(lag(s.nested) OVER (ORDER BY s.step), 0) AS conversion
FROM stages
ORDER BY step
