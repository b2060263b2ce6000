-- Per-customer predictions of the purchase model in use (BG/NBD, MBG/NBD or Pareto/NBD, chosen by the models refresh:
-- docs/MODELS.md "Which purchase model") with Gamma-Gamma's spend, written to `predictions`.
-- Reads the temp tables of one refresh: model_summary_now (queries/model_summary.sql at $as_of) and model_terms_now
-- (x, tx_days, t_days, p_alive, expected_if_alive, discounted_if_alive, next_days: every part that depends on the
-- model, computed once per distinct history in src/lib/server/models/predict.ts with the model's own formulas).
-- Inputs: $model (the purchase model's name), $as_of, $horizon_days, $fit_id, $spend_fit_id (NULL = no spend model),
--   Gamma-Gamma $p $q $v (NULL when there is no spend model).
-- E[spend] = p (v + x m) / (p x + q - 1), or p v / (q - 1) for x = 0  (Fader & Hardie 2013, eq. 5), with m the mean
-- repeat spend net of refunds (queries/model_summary_net_spend.sql). A customer whose purchases net of refunds up to
-- $as_of are <= 0 gets predicted_clv 0 and clv_note 'net_spend_not_positive' (docs/MODELS.md).
-- churn_probability: the model's probability of no purchase in the next inactivity_days days (purchase.ts
-- churnProbability: 1 - P(alive) + P(alive) * P(no purchase in the window | alive)), the same window as the lifecycle
-- rule "churned = no purchase in the last inactivity_days days". churn_band: low < 1/3 <= medium < 2/3 <= high
-- (clv.ts churnBand).
INSERT INTO predictions
	(customer_id, model, as_of, horizon_days, expected_purchases, p_alive, churn_probability, churn_band,
	 expected_next_order, predicted_clv, historic_clv, total_clv, fit_id, spend_fit_id, clv_note)
WITH alive AS (
	SELECT
		s.*,
		CASE WHEN $p::DOUBLE IS NULL THEN NULL
			WHEN s.net_revenue <= 0 THEN 0.0
			WHEN s.x > 0 THEN $p::DOUBLE * ($v::DOUBLE + s.x * s.m) / ($p::DOUBLE * s.x + $q::DOUBLE - 1)
			ELSE $p::DOUBLE * $v::DOUBLE / ($q::DOUBLE - 1)
		END AS expected_spend
	FROM temp.model_summary_now s
),
scored AS (
	SELECT
		a.customer_id,
		k.p_alive,
		k.churn_probability,
		k.p_alive * k.expected_if_alive AS expected_purchases,
		-- NULL when the median lies beyond the horizon: no next order is expected within it.
		CASE WHEN k.next_days <= $horizon_days::INTEGER THEN $as_of::DATE + CAST(round(k.next_days) AS INTEGER) END
			AS expected_next_order,
		CASE WHEN $horizon_days::INTEGER = 0 OR a.expected_spend = 0 THEN 0.0
			ELSE k.p_alive * k.discounted_if_alive * a.expected_spend
		END AS predicted_clv,
		a.net_revenue AS historic_clv,
		CASE WHEN a.net_revenue <= 0 THEN 'net_spend_not_positive' END AS clv_note
	FROM alive a
	JOIN temp.model_terms_now k ON k.x = a.x AND k.t_days = ($as_of::DATE - a.first_purchase)
		AND k.tx_days = (a.last_purchase - a.first_purchase)
)
SELECT
	customer_id,
	$model::VARCHAR,
	$as_of::DATE,
	$horizon_days::INTEGER,
	expected_purchases,
	p_alive,
	churn_probability,
	CASE WHEN churn_probability IS NULL THEN NULL WHEN churn_probability < 1.0 / 3 THEN 'low'
		WHEN churn_probability < 2.0 / 3 THEN 'medium' ELSE 'high' END,
	expected_next_order,
	predicted_clv,
	historic_clv,
	historic_clv + predicted_clv,
	$fit_id::BIGINT,
	$spend_fit_id::BIGINT,
	clv_note
FROM scored
