-- list_membership_leave: closes the stay of every member a living list's rule no longer matches.
-- Inputs: $name (the list), $as_of (the features' as-of date), the rule mark (compiled rule over customer_features f).
-- Output: none (sets left_on in list_membership).
UPDATE list_membership SET left_on = $as_of::DATE
WHERE list_name = $name AND left_on IS NULL
  AND customer_id NOT IN (SELECT f.customer_id FROM customer_features f WHERE {{rule}})
