-- ingest_customers_existing: how many loadable rows of ingest_checked name a customer already in the database.
-- Inputs: none. Output: n.
SELECT count(*) AS n FROM ingest_checked
WHERE reason IS NULL AND customer_id IN (SELECT customer_id FROM customers);
