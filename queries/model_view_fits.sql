-- The latest fit of each model (the models page): parameters, standard errors, likelihood and fit status.
-- Inputs: none.
-- Output: fit_id, model, params (JSON text), std_errors (JSON text), log_likelihood, converged, iterations,
--   n_customers, time_unit, calibration_end, as_of ('YYYY-MM-DD'), created_at ('YYYY-MM-DD HH:MM:SS'), status, message.
SELECT
	fit_id, model,
	params::VARCHAR AS params,
	std_errors::VARCHAR AS std_errors,
	log_likelihood::DOUBLE AS log_likelihood,
	converged, iterations, n_customers, time_unit,
	strftime(calibration_end::DATE, '%Y-%m-%d') AS calibration_end,
	strftime(as_of::DATE, '%Y-%m-%d') AS as_of,
	strftime(created_at::TIMESTAMP, '%Y-%m-%d %H:%M:%S') AS created_at,
	status, message
FROM model_fits
QUALIFY row_number() OVER (PARTITION BY model ORDER BY created_at DESC, fit_id DESC) = 1
ORDER BY CASE model WHEN 'bgnbd' THEN 1 WHEN 'mbg-nbd' THEN 2 WHEN 'pareto-nbd' THEN 3 WHEN 'gamma-gamma' THEN 4 ELSE 5 END,
	model
