-- Customer features: the one relation list rules see, one row per customer of customer_summary.
-- Materialised as table customer_features by the 'segments' refresh step (src/lib/server/lists/features.ts)
-- so that a rule preview scans one table.
-- Inputs: none (the as-of date is that of the materialised summary, derived_state 'metrics'; predictions come from the latest BG/NBD run).
-- Output columns: customer_id, as_of, every field of src/lib/server/lists/fields.ts (RFM scores and segment,
-- recency_days, orders, net_revenue, avg_order_value, lifecycle_stage, first_purchase_at, tenure_days,
-- historic_clv, predicted_clv, total_clv, p_alive, churn_probability, churn_band, expected_purchases,
-- expected_next_order, region, country, gender, age, age_band, acquisition_channel, signup_at, channels_used,
-- last_interaction_at, last_interaction_type, last_<type>_at per interaction type, csat_mean, consent_email,
-- consent_sms, products_bought, categories_bought, recommended_products: table customer_products of the refresh
-- step 'affinity', empty lists for a customer without orders) and prediction_as_of. Dates are DATE (business-local days), money DOUBLE.
WITH state AS (
	SELECT coalesce(
		(SELECT TRY_CAST(params->>'as_of' AS DATE) FROM derived_state WHERE name = 'metrics'),
		(SELECT max(occurred_at)::DATE + 1 FROM interactions),
		current_date
	) AS as_of
),
prediction AS (
	SELECT * FROM current_predictions
),
activity AS (
	SELECT
		d.customer_id,
		max(d.day) FILTER (WHERE d.purchases > 0) AS last_purchase_at,
		max(d.day) FILTER (WHERE d.refunds > 0) AS last_refund_at,
		max(d.day) FILTER (WHERE d.email_opens > 0) AS last_email_open_at,
		max(d.day) FILTER (WHERE d.email_clicks > 0) AS last_email_click_at,
		max(d.day) FILTER (WHERE d.web_visits > 0) AS last_web_visit_at,
		max(d.day) FILTER (WHERE d.support_tickets > 0) AS last_support_ticket_at,
		max(d.day) FILTER (WHERE d.calls > 0) AS last_call_at,
		max(d.day) FILTER (WHERE d.surveys > 0) AS last_survey_at,
		sum(d.csat_sum) / nullif(sum(d.csat_count), 0) AS csat_mean
	FROM customer_day d, state
	WHERE d.day < state.as_of
	GROUP BY d.customer_id
),
last_type AS (
	SELECT i.customer_id, arg_max(i.type, i.occurred_at) AS last_interaction_type
	FROM interactions i, state
	WHERE i.occurred_at < state.as_of
	GROUP BY i.customer_id
)
SELECT
	s.customer_id,
	state.as_of,
	s.rfm_segment,
	s.r_score::INTEGER AS r_score,
	s.f_score::INTEGER AS f_score,
	s.m_score::INTEGER AS m_score,
	s.recency_days,
	s.orders,
	s.net_revenue::DOUBLE AS net_revenue,
	s.avg_order_value,
	s.lifecycle_stage,
	s.first_purchase_at::DATE AS first_purchase_at,
	s.tenure_days,
	p.historic_clv::DOUBLE AS historic_clv,
	p.predicted_clv::DOUBLE AS predicted_clv,
	p.total_clv::DOUBLE AS total_clv,
	p.p_alive::DOUBLE AS p_alive,
	p.churn_probability::DOUBLE AS churn_probability,
	p.churn_band,
	p.expected_purchases::DOUBLE AS expected_purchases,
	p.expected_next_order::DATE AS expected_next_order,
	p.as_of::DATE AS prediction_as_of,
	s.region,
	s.country,
	s.gender,
	year(state.as_of) - s.birth_year AS age,
	CASE
		WHEN s.birth_year IS NULL THEN NULL
		WHEN year(state.as_of) - s.birth_year < 18 THEN '<18'
		WHEN year(state.as_of) - s.birth_year < 25 THEN '18-24'
		WHEN year(state.as_of) - s.birth_year < 35 THEN '25-34'
		WHEN year(state.as_of) - s.birth_year < 45 THEN '35-44'
		WHEN year(state.as_of) - s.birth_year < 55 THEN '45-54'
		WHEN year(state.as_of) - s.birth_year < 65 THEN '55-64'
		ELSE '65+'
	END AS age_band,
	s.acquisition_channel,
	c.signup_at::DATE AS signup_at,
	s.channels_used,
	s.last_interaction_at::DATE AS last_interaction_at,
	t.last_interaction_type,
	a.last_purchase_at,
	a.last_refund_at,
	a.last_email_open_at,
	a.last_email_click_at,
	a.last_web_visit_at,
	a.last_support_ticket_at,
	a.last_call_at,
	a.last_survey_at,
	a.csat_mean::DOUBLE AS csat_mean,
	s.consent_email,
	s.consent_sms,
	coalesce(cp.products_bought, []) AS products_bought,
	coalesce(cp.categories_bought, []) AS categories_bought,
	coalesce(cp.recommended_products, []) AS recommended_products
FROM customer_summary s
CROSS JOIN state
LEFT JOIN customers c ON c.customer_id = s.customer_id
LEFT JOIN prediction p ON p.customer_id = s.customer_id
LEFT JOIN activity a ON a.customer_id = s.customer_id
LEFT JOIN last_type t ON t.customer_id = s.customer_id
LEFT JOIN customer_products cp ON cp.customer_id = s.customer_id
ORDER BY s.customer_id
