-- One customer's model predictions at the latest as-of date of each model (P(alive), churn band, CLV, next order).
-- Inputs: $customer_id.
-- Output: model, as_of, horizon_days, expected_purchases, p_alive, churn_probability, churn_band,
--   expected_next_order ('YYYY-MM-DD'), predicted_clv, historic_clv, total_clv, fit_id, churn_window_days (the
--   window of churn_probability: no purchase in the next this many days, model_selection; NULL before migration 017's
--   first refresh).
SELECT
	p.model,
	strftime(p.as_of, '%Y-%m-%d') AS as_of,
	p.horizon_days,
	p.expected_purchases::DOUBLE AS expected_purchases,
	p.p_alive::DOUBLE AS p_alive,
	p.churn_probability::DOUBLE AS churn_probability,
	p.churn_band,
	strftime(p.expected_next_order, '%Y-%m-%d') AS expected_next_order,
	p.predicted_clv::DOUBLE AS predicted_clv,
	p.historic_clv::DOUBLE AS historic_clv,
	p.total_clv::DOUBLE AS total_clv,
	p.fit_id,
	(SELECT max(churn_window_days) FROM model_selection m WHERE m.in_use AND m.model = p.model)::INTEGER
		AS churn_window_days
FROM predictions p
WHERE p.customer_id = $customer_id::VARCHAR
	AND p.as_of = (SELECT max(as_of) FROM predictions q WHERE q.model = p.model)
ORDER BY p.model
