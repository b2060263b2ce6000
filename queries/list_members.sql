-- The customer ids a rule matches, in id order (tests, migration flows).
-- Inputs: the rule mark (the compiled rule over customer_features f, values bound as $r0, ...).
-- Output columns: customer_id.
SELECT f.customer_id FROM customer_features f WHERE {{rule}} ORDER BY f.customer_id
