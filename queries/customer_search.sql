-- Customer search and the customer lists reached from charts (one page of rows plus the total).
-- Reads table customer_features (customer_summary joined with the latest BG/NBD predictions, built by the
-- 'segments' refresh step) so that filtering, counting and sorting scan one narrow table; names and contacts are
-- joined for the page's rows only (a full-width sort of 1M customers took ~10 s).
-- Inputs (NULL = not filtered):
--   $pattern        ILIKE pattern (escaped, ESCAPE '\') matched against id, name (also without accents) and email
--   $phone_digits   national digits matched inside the digits of the stored E.164 phone
--   $r, $f          RFM recency / frequency score 1..5        $segment    rfm_segment key
--   $lifecycle      lifecycle stage                            $region, $country, $acquisition_channel, $channel
--   $cohort, $period, $k, $mode   first purchase in the $period ('week'|'month'|'quarter'|'year') containing
--                   $cohort; with $k also active in the period $k periods later ($mode 'on') or in it or later
--                   ('on_or_after'): the cohort heatmap's cell, counted as cohort_retention.sql counts it
--   $funnel_step    'any_interaction' | 'engaged' | 'first_purchase' | 'repeat_purchase' | 'loyal': the journey
--                   funnel's step (customers_nested of funnel_journey.sql), over customers first seen in $from..$to
--   $sort           'net_revenue' | 'orders' | 'recency_days' | 'predicted_clv' | 'p_alive' | 'customer_id'
--   $descending     BOOLEAN;  $limit, $offset  the page
-- Output: customer_id, name, email, phone, region, country, acquisition_channel, rfm_segment, segment_name_en,
--   segment_name_vi, lifecycle_stage, r_score,
--   f_score, m_score, orders, net_revenue, recency_days, last_purchase_at ('YYYY-MM-DD'), predicted_clv, p_alive,
--   churn_band, total (rows matching, on every row). Names and contacts are masked by the caller.
WITH step AS (
	SELECT CASE $period::VARCHAR
		WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
cohort_cell AS (
	-- as the cohort heatmap counts them (cohort_retention.sql): customer_period rows of the cohort, active in
	-- period k ('on') or in period k or later ('on_or_after')
	SELECT DISTINCT cp.customer_id
	FROM customer_period cp, step
	WHERE $k::INTEGER IS NOT NULL
		AND cp.grain = $period::VARCHAR
		AND cp.cohort = date_trunc($period::VARCHAR, $cohort::DATE)::DATE
		AND cp.active
		AND (cp.period = (cp.cohort + $k::INTEGER * step.step)::DATE
			OR $mode::VARCHAR = 'on_or_after' AND cp.period >= (cp.cohort + $k::INTEGER * step.step)::DATE)
),
journey AS (
	-- as the journey funnel counts them (funnel_journey.sql, customers_nested): each step needs every earlier one
	SELECT customer_id
	FROM customer_journey
	WHERE $funnel_step::VARCHAR IS NOT NULL
		AND ($from::DATE IS NULL OR first_interaction_day >= $from::DATE)
		AND ($to::DATE IS NULL OR first_interaction_day <= $to::DATE)
		-- the customers the funnel counts at the step (queries/funnel_journey.sql): a later stage implies the earlier
		AND CASE $funnel_step::VARCHAR
			WHEN 'any_interaction' THEN true
			WHEN 'engaged' THEN first_engaged_day IS NOT NULL OR first_purchase_day IS NOT NULL
			WHEN 'first_purchase' THEN first_purchase_day IS NOT NULL
			WHEN 'repeat_purchase' THEN repeat_purchase_day IS NOT NULL
			WHEN 'loyal' THEN repeat_purchase_day IS NOT NULL
				AND coalesce(rfm_segment IN ('champions', 'loyal_customers'), false)
			ELSE false END
),
text_match AS (
	SELECT c.customer_id
	FROM customers c
	WHERE ($pattern::VARCHAR IS NOT NULL OR $phone_digits::VARCHAR IS NOT NULL)
		AND (c.customer_id ILIKE $pattern::VARCHAR ESCAPE '\'
			OR c.name ILIKE $pattern::VARCHAR ESCAPE '\'
			OR strip_accents(c.name) ILIKE strip_accents($pattern::VARCHAR) ESCAPE '\'
			OR c.email ILIKE $pattern::VARCHAR ESCAPE '\'
			OR regexp_replace(c.phone, '[^0-9]', '', 'g') LIKE '%' || $phone_digits::VARCHAR || '%')
),
matched AS (
	SELECT f.customer_id,
		CASE $sort::VARCHAR
			WHEN 'net_revenue' THEN coalesce(f.net_revenue, 0)
			WHEN 'orders' THEN coalesce(f.orders, 0)
			WHEN 'recency_days' THEN f.recency_days
			WHEN 'predicted_clv' THEN f.predicted_clv
			WHEN 'p_alive' THEN f.p_alive
		END::DOUBLE * CASE WHEN $descending::BOOLEAN THEN -1 ELSE 1 END AS sort_key
	FROM customer_features f
	WHERE ($pattern::VARCHAR IS NULL AND $phone_digits::VARCHAR IS NULL
			OR f.customer_id IN (SELECT customer_id FROM text_match))
		AND ($r::INTEGER IS NULL OR f.r_score = $r::INTEGER)
		AND ($f::INTEGER IS NULL OR f.f_score = $f::INTEGER)
		AND ($segment::VARCHAR IS NULL OR f.rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR f.lifecycle_stage = $lifecycle::VARCHAR)
		AND ($region::VARCHAR IS NULL OR f.region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR f.country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR f.acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($channel::VARCHAR IS NULL OR list_contains(f.channels_used, $channel::VARCHAR))
		AND ($cohort::DATE IS NULL
			OR date_trunc($period::VARCHAR, f.first_purchase_at)::DATE = date_trunc($period::VARCHAR, $cohort::DATE)::DATE)
		AND ($k::INTEGER IS NULL OR f.customer_id IN (SELECT customer_id FROM cohort_cell))
		AND ($funnel_step::VARCHAR IS NULL OR f.customer_id IN (SELECT customer_id FROM journey))
),
total AS (
	SELECT count(*) AS total FROM matched
),
page AS (
	SELECT customer_id, sort_key
	FROM matched
	ORDER BY sort_key NULLS LAST, customer_id
	LIMIT $limit::INTEGER OFFSET $offset::INTEGER
)
SELECT
	c.customer_id, c.name, c.email, c.phone, c.region, c.country, c.acquisition_channel,
	f.rfm_segment, g.name_en AS segment_name_en, g.name_vi AS segment_name_vi, f.lifecycle_stage,
	f.r_score, f.f_score, f.m_score,
	coalesce(f.orders, 0) AS orders,
	coalesce(f.net_revenue, 0)::DOUBLE AS net_revenue,
	f.recency_days,
	strftime(f.last_purchase_at, '%Y-%m-%d') AS last_purchase_at,
	f.predicted_clv::DOUBLE AS predicted_clv,
	f.p_alive::DOUBLE AS p_alive,
	f.churn_band,
	total.total
FROM page
JOIN customer_features f USING (customer_id)
JOIN customers c USING (customer_id)
LEFT JOIN rfm_segments g ON g.key = f.rfm_segment
CROSS JOIN total
ORDER BY page.sort_key NULLS LAST, page.customer_id
