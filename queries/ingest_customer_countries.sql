-- ingest_customer_countries: fills the missing country of existing customers from an interactions file that has a
-- country column (the country of the customer's latest row in the file). Never overwrites a known country.
-- Inputs: none. Output: none.
UPDATE customers SET country = f.country
FROM (
	SELECT customer_id, arg_max(country, occurred_at) AS country
	FROM ingest_checked
	WHERE reason IS NULL AND country IS NOT NULL
	GROUP BY customer_id
) f
WHERE customers.customer_id = f.customer_id AND customers.country IS NULL;
