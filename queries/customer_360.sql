-- One customer's profile, consent, summary metrics and RFM segment (the customer 360 page's header).
-- Inputs: $customer_id.
-- Output (one row, none when the id is unknown): customer_id, name, email, phone, region, country, gender,
--   birth_year, signup_at, acquisition_channel, consent_email, consent_sms, first_purchase_at, last_purchase_at,
--   last_interaction_at (all 'YYYY-MM-DD'), orders, purchase_days, net_revenue, avg_order_value,
--   mean_days_between_orders, recency_days, tenure_days, channels_used, first_order_channel, r_score, f_score,
--   m_score, rfm_segment, segment_name_en, segment_name_vi, lifecycle_stage, as_of.
SELECT
	c.customer_id, c.name, c.email, c.phone, c.region, c.country, c.gender, c.birth_year,
	strftime(c.signup_at, '%Y-%m-%d') AS signup_at,
	c.acquisition_channel, c.consent_email, c.consent_sms,
	strftime(s.first_purchase_at, '%Y-%m-%d') AS first_purchase_at,
	strftime(s.last_purchase_at, '%Y-%m-%d') AS last_purchase_at,
	strftime(s.last_interaction_at, '%Y-%m-%d') AS last_interaction_at,
	coalesce(s.orders, 0) AS orders,
	coalesce(s.purchase_days, 0) AS purchase_days,
	coalesce(s.net_revenue, 0)::DOUBLE AS net_revenue,
	s.avg_order_value::DOUBLE AS avg_order_value,
	s.mean_days_between_orders::DOUBLE AS mean_days_between_orders,
	s.recency_days, s.tenure_days, s.channels_used, s.first_order_channel,
	s.r_score, s.f_score, s.m_score, s.rfm_segment,
	g.name_en AS segment_name_en, g.name_vi AS segment_name_vi,
	s.lifecycle_stage,
	(SELECT params->>'as_of' FROM derived_state WHERE name = 'metrics') AS as_of
FROM customers c
LEFT JOIN customer_summary s USING (customer_id)
LEFT JOIN rfm_segments g ON g.key = s.rfm_segment
WHERE c.customer_id = $customer_id::VARCHAR
