-- ingest_interactions_insert: loads the rows of ingest_checked that broke no rule into interactions.
-- ingest_checked is in file order, so a row's record number is rowid + 1: source_line is that plus the lines
-- before the first data row (unless ingest_line_map set it), and a file without ids gets `prefix:record number`.
-- Inputs: $ingest_id, $source_file, $id_prefix (the first 16 hex digits of the content hash and ':'),
--   $line_offset. Placeholders (fixed SQL from interactionLoadParts in src/lib/server/ingest/interactions.ts):
--   interaction_id, line, and channel, order_id, quantity, product_id, category, csat, resolved_at (the column,
--   or NULL when the file has none). Output: Count (inserted rows).
INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount, quantity,
	product_id, category, csat, resolved_at, source_file, source_line, ingest_id)
SELECT {{interaction_id}}, customer_id, occurred_at, type, {{channel}}, {{order_id}}, amount, {{quantity}},
	{{product_id}}, {{category}}, {{csat}}, {{resolved_at}}, $source_file, {{line}}, $ingest_id::BIGINT
FROM ingest_checked
WHERE reason IS NULL;
