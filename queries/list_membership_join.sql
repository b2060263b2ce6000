-- list_membership_join: opens a stay for every customer a living list's rule matches now who is not a member yet.
-- Inputs: $name (the list), the rule mark (compiled rule over customer_features f, values bound as $r0, ...).
-- Output: none (inserts into list_membership; joined_on = the features' as-of date).
INSERT INTO list_membership (list_name, customer_id, joined_on)
SELECT $name, f.customer_id, f.as_of
FROM customer_features f
WHERE {{rule}}
  AND f.customer_id NOT IN (SELECT customer_id FROM list_membership WHERE list_name = $name AND left_on IS NULL)
