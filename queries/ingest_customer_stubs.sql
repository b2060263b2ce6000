-- ingest_customer_stubs: every customer id that an interactions file loaded gets a customers row if it has none
-- (its id, plus the country of its latest row when the file has a country column). Existing customers are left
-- as they are (see ingest_customer_countries for filling a missing country).
-- Inputs: $ingest_id, $source_file. Output: none.
INSERT INTO customers (customer_id, country, source_file, source_line, ingest_id)
SELECT customer_id, arg_max(country, occurred_at), $source_file, min(source_line), $ingest_id::BIGINT
FROM ingest_checked
WHERE reason IS NULL AND customer_id NOT IN (SELECT customer_id FROM customers)
GROUP BY customer_id;
