-- Schema version 17: the purchase model in use and why (docs/MODELS.md, "Which purchase model").
-- The models refresh validates each purchase model on a calibration/holdout split (validate.ts defaultSplit) and
-- predicts with the one of smallest holdout error, or with the one the setting purchase_model pins. One row per
-- purchase model of the latest refresh (a refresh replaces them): exactly one has in_use = true when there are
-- predictions. model_fits keeps every fit; this table keeps the choice.
CREATE TABLE model_selection (
	as_of DATE NOT NULL,                 -- the refresh's as-of date (last purchase day)
	model VARCHAR NOT NULL,              -- bgnbd | mbg-nbd | pareto-nbd
	in_use BOOLEAN NOT NULL,             -- its predictions are the ones in `predictions`
	rank INTEGER,                        -- 1 = smallest holdout error; NULL when not ranked (pinned, or no holdout)
	fit_id BIGINT,                       -- its fit on all the data in this refresh (NULL when not fitted)
	mode VARCHAR NOT NULL,               -- auto | pinned (setting purchase_model)
	criterion VARCHAR NOT NULL,          -- how the model in use was chosen, in words
	calibration_end DATE,                -- the holdout split (NULL when none was possible or the model is pinned)
	holdout_end DATE,
	holdout_status VARCHAR,              -- the calibration fit's status (ok | not_converged | ineligible)
	holdout_mae DOUBLE,                  -- mean absolute error per customer of holdout purchase days
	holdout_error_percent DOUBLE,        -- (predicted - actual) / actual total holdout purchase days, in %
	reason VARCHAR NOT NULL,             -- why this model is or is not in use
	one_time_buyers INTEGER,             -- customers with one purchase day (auto then excludes BG/NBD)
	churn_window_days INTEGER            -- churn probability = no purchase in the next this many days (inactivity_days)
);

-- current_predictions: the rows of the newest run of whichever purchase model is in use (the refresh writes one
-- model's rows and removes all others, src/lib/server/models/predict.ts writePredictions).
CREATE OR REPLACE VIEW current_predictions AS
SELECT p.*
FROM predictions p
WHERE p.fit_id = (SELECT fit_id FROM predictions ORDER BY as_of DESC, fit_id DESC LIMIT 1);
