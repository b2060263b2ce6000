-- ingest_customer_stubs: every customer id that an interactions file loaded gets a customers row if it has none
-- (its id, plus the country of its latest row when the file has a country column). Existing customers are left
-- as they are (see ingest_customer_countries for filling a missing country). source_line: the customer's first
-- row in the file (ingest_checked is in file order, see ingest_interactions_insert).
-- Inputs: $ingest_id, $source_file, $line_offset. Placeholders (interactionLoadParts in
-- src/lib/server/ingest/interactions.ts): country (arg_max(country, occurred_at) when the file has a country
-- column, else NULL, which spares a second value per group on files without one), first_line (the smallest
-- source_line of the group). Output: none.
INSERT INTO customers (customer_id, country, source_file, source_line, ingest_id)
SELECT customer_id, {{country}}, $source_file, {{first_line}}, $ingest_id::BIGINT
FROM ingest_checked
WHERE reason IS NULL AND customer_id NOT IN (SELECT customer_id FROM customers)
GROUP BY customer_id;
