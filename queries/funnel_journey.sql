-- The journey funnel over customers whose first interaction falls in the range (default: all), from customer_journey:
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter (customers who used that channel); kept out of the SQL when unused, for speed.
--   1 any interaction -> 2 engaged (email_click, web_visit, call or support_ticket) -> 3 first purchase ->
--   4 repeat purchase (a second order) -> 5 loyal (rfm_segment 'champions' or 'loyal_customers').
-- Stages 1-4 count what happened before the as-of date; stage 5 is the customer's current segment.
-- A later stage implies the earlier ones (a buyer was engaged, whatever touchpoints the data holds): customers_nested
--   counts the customers who reached the stage or a later one. A stage the data cannot show at all (engaged, when no
--   customer has an email click, web visit, call or ticket: a file of orders alone) is NULL with observable false,
--   never 0; the next stage's conversion is then from the stage before it.
-- Inputs: $from / $to (first interaction day, inclusive), $region, $country, $acquisition_channel, $segment, $lifecycle,
--   channel (customers who used it).
-- Output: step (1..5), stage, customers (reached the stage, whatever the earlier ones), customers_nested (reached it
--   or a later stage), share_of_start (customers_nested / stage 1), conversion (customers_nested / the previous
--   observable stage's customers_nested), observable (whether the data can show the stage).
WITH j AS (
	SELECT first_engaged_day IS NOT NULL AS engaged, first_purchase_day IS NOT NULL AS purchased,
		repeat_purchase_day IS NOT NULL AS repeated,
		coalesce(rfm_segment IN ('champions', 'loyal_customers'), false) AS loyal
	FROM customer_journey
	WHERE ($from::DATE IS NULL OR first_interaction_day >= $from::DATE)
		AND ($to::DATE IS NULL OR first_interaction_day <= $to::DATE)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
seen AS (
	-- over the whole database, not the filtered customers: can the data show engagement at all?
	SELECT EXISTS (SELECT 1 FROM customer_journey WHERE first_engaged_day IS NOT NULL) AS engaged
),
agg AS (
	SELECT count(*) AS s1,
		count_if(engaged) AS e, count_if(purchased) AS p, count_if(repeated) AS r, count_if(loyal) AS l,
		count_if(engaged OR purchased) AS ep, count_if(repeated AND loyal) AS rl
	FROM j
),
stages AS (
	SELECT unnest([
		{'step': 1, 'stage': 'any_interaction', 'customers': s1, 'nested': s1, 'observable': true},
		{'step': 2, 'stage': 'engaged', 'customers': e, 'nested': ep, 'observable': seen.engaged},
		{'step': 3, 'stage': 'first_purchase', 'customers': p, 'nested': p, 'observable': true},
		{'step': 4, 'stage': 'repeat_purchase', 'customers': r, 'nested': r, 'observable': true},
		{'step': 5, 'stage': 'loyal', 'customers': l, 'nested': rl, 'observable': true}
	]) AS s, s1
	FROM agg, seen
),
shown AS (
	SELECT s.step AS step, s.stage AS stage, s.observable AS observable, s1,
		CASE WHEN s.observable THEN s.customers END AS customers,
		CASE WHEN s.observable THEN s.nested END AS nested
	FROM stages
)
SELECT step, stage, customers::BIGINT AS customers, nested::BIGINT AS customers_nested,
	nested / nullif(s1, 0) AS share_of_start,
	nested / nullif(last_value(nested IGNORE NULLS) OVER (ORDER BY step ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
		AS conversion,
	observable
FROM shown
ORDER BY step
