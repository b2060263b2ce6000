-- The customers whose rows in customer_period, customer_channel and customer_journey an incremental 'periods' refresh
-- rebuilds (periods-refresh.ts): every other customer's rows are what a full build at the new as-of date gives.
-- Those rows depend on a customer's own days before the as-of date, on the churn events before it, and on the
-- customer's summary columns (region ... lifecycle_stage, copied into the rows). So a customer is taken when
--   - an ingest after $since added rows of theirs (their days changed);
--   - a churn event of theirs falls between the old and the new as-of date (purchase day l with
--     $old_as_of <= l + w + 1 < $as_of: it was after the old as-of date, it is before the new one);
--   - their summary columns differ from those stored in the rows (the new summary moved their segment or lifecycle
--     stage, a customers file changed their region), or they left the summary.
-- Inputs: $since BIGINT, $old_as_of DATE, $as_of DATE (exclusive; not before $old_as_of), $inactivity_days INTEGER (w).
-- Output: customer_id (distinct).
SELECT customer_id FROM interactions WHERE ingest_id > $since::BIGINT
UNION
SELECT customer_id FROM customer_day
WHERE orders > 0 AND day + $inactivity_days::INTEGER + 1 >= $old_as_of::DATE
	AND day + $inactivity_days::INTEGER + 1 < $as_of::DATE
UNION
SELECT p.customer_id
FROM customer_period p
LEFT JOIN customer_summary s USING (customer_id)
-- every customer in customer_period has rows of every grain: one grain is enough
WHERE p.grain = 'year' AND (s.customer_id IS NULL OR p.region IS DISTINCT FROM s.region
	OR p.country IS DISTINCT FROM s.country OR p.acquisition_channel IS DISTINCT FROM s.acquisition_channel
	OR p.first_order_channel IS DISTINCT FROM s.first_order_channel OR p.rfm_segment IS DISTINCT FROM s.rfm_segment
	OR p.lifecycle_stage IS DISTINCT FROM s.lifecycle_stage)
UNION
SELECT j.customer_id
FROM customer_journey j
LEFT JOIN customer_summary s USING (customer_id)
WHERE s.customer_id IS NULL OR j.region IS DISTINCT FROM s.region OR j.country IS DISTINCT FROM s.country
	OR j.acquisition_channel IS DISTINCT FROM s.acquisition_channel OR j.rfm_segment IS DISTINCT FROM s.rfm_segment
	OR j.lifecycle_stage IS DISTINCT FROM s.lifecycle_stage
