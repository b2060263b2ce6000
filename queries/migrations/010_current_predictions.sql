-- Schema version 10: current_predictions, the per-customer predictions every reader joins (segment summary, CLV
-- summary, distributions, customer features): the rows of the newest BG/NBD run. The models step is the only writer
-- of `predictions` and writes one row per customer for a run (src/lib/server/models/predict.ts), so readers need no
-- "one row per customer" window over a million rows; picking the run is a top-1 over the table.
CREATE VIEW current_predictions AS
SELECT p.*
FROM predictions p
WHERE p.model = 'bgnbd'
	AND p.fit_id = (SELECT fit_id FROM predictions WHERE model = 'bgnbd' ORDER BY as_of DESC, fit_id DESC LIMIT 1);
