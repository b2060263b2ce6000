-- ingest_interactions_insert: loads the rows of ingest_checked that broke no rule into interactions.
-- Inputs: $ingest_id, $source_file. Output: none (inserted row count via the statement).
INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount, quantity,
	product_id, category, csat, resolved_at, source_file, source_line, ingest_id)
SELECT interaction_id, customer_id, occurred_at, type, channel, order_id, amount, quantity,
	product_id, category, csat, resolved_at, $source_file, source_line, $ingest_id::BIGINT
FROM ingest_checked
WHERE reason IS NULL;
