-- The version of the inputs of table segment_customer (queries/segment_customer.sql) now, and the version it was
-- built for. Inputs of the table: customer_summary (metrics_state 'refreshed_at', written with it by the 'metrics'
-- step) and the BG/NBD run that view current_predictions reads (its fit_id, taken from the view so that "current" has
-- one definition; the models step writes each run under a new fit_id).
-- Inputs: none.
-- Output: version VARCHAR (JSON), built_for VARCHAR (NULL when the table was never built).
SELECT
	json_object(
		'summary', (SELECT value FROM metrics_state WHERE key = 'refreshed_at'),
		'fit', (SELECT fit_id FROM current_predictions LIMIT 1)
	)::VARCHAR AS version,
	(SELECT built_for FROM precompute_state WHERE name = 'segment_customer') AS built_for
