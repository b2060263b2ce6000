-- One fit by id, or the latest fit of a model when $fit_id is NULL (the parameters behind a customer's P(alive)).
-- Inputs: $fit_id (may be NULL), $model.
-- Output: as model_view_fits.sql.
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
WHERE ($fit_id::VARCHAR IS NOT NULL AND fit_id::VARCHAR = $fit_id::VARCHAR)
	OR ($fit_id::VARCHAR IS NULL AND model = $model::VARCHAR)
ORDER BY created_at DESC
LIMIT 1
