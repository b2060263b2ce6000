-- Schema version 5: model fits and per-customer predictions (docs/MODELS.md).
-- A fit that was not possible (eligibility) is stored too, with status 'ineligible' and the failed threshold in
-- message, and no parameters; a fit whose optimiser did not converge has converged = false and status 'not_converged'.

CREATE SEQUENCE model_fit_seq START 1;
CREATE TABLE model_fits (
	fit_id BIGINT PRIMARY KEY DEFAULT nextval('model_fit_seq'),
	model VARCHAR NOT NULL,              -- bgnbd | pareto-nbd | gamma-gamma
	params JSON,                         -- {"r": .., "alpha": .., ...}; NULL when ineligible
	std_errors JSON,                     -- same keys; null entries when the Hessian was singular
	log_likelihood DOUBLE,
	converged BOOLEAN NOT NULL DEFAULT false,
	iterations INTEGER,
	n_customers BIGINT,
	time_unit VARCHAR NOT NULL,          -- day | week
	calibration_end DATE NOT NULL,       -- last day of the data the model was fitted on (included)
	as_of DATE NOT NULL,                 -- the date the predictions of this fit refer to
	penalizer DOUBLE NOT NULL DEFAULT 0,
	duration_ms DOUBLE,
	status VARCHAR NOT NULL,             -- ok | not_converged | ineligible | failed
	message VARCHAR,                     -- what went wrong, or which eligibility threshold failed
	created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per (customer_id, model): a refresh replaces the model's rows (no key constraint, so that a
-- million rows load fast).
CREATE TABLE predictions (
	customer_id VARCHAR NOT NULL,
	model VARCHAR NOT NULL,              -- the purchase model (bgnbd); CLV uses the gamma-gamma fit of the same refresh
	as_of DATE NOT NULL,
	horizon_days INTEGER NOT NULL,
	expected_purchases DOUBLE,           -- expected purchase days in (as_of, as_of + horizon]
	p_alive DOUBLE,
	churn_probability DOUBLE,            -- 1 - p_alive
	churn_band VARCHAR,                  -- low < 0.33 <= medium < 0.66 <= high
	expected_next_order DATE,            -- median date of the next purchase if still active
	predicted_clv DOUBLE,                -- discounted expected spend over the horizon; NULL without a spend model
	historic_clv DOUBLE,                 -- net revenue up to as_of
	total_clv DOUBLE,                    -- historic + predicted
	fit_id BIGINT NOT NULL,
	spend_fit_id BIGINT                  -- the gamma-gamma fit behind predicted_clv
);
