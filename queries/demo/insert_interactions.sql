-- Turns the staged interaction codes of `crm demo` into canonical interactions rows.
-- Inputs: $start_us (BIGINT, period start in local wall-clock microseconds since 1970), $ingest_id,
--   $types, $channels, $products, $product_categories (VARCHAR lists, indexed by the staged codes + 1).
-- Codes: see create_staging.sql; -2147483648 stands for NULL.
-- Output: none (inserts into interactions).
INSERT INTO interactions
SELECT
	'I' || lpad(seq::VARCHAR, 9, '0') AS interaction_id,
	'C' || lpad((idx + 1)::VARCHAR, 7, '0') AS customer_id,
	make_timestamp($start_us::BIGINT + t::BIGINT * 1000000) AS occurred_at,
	$types[codes % 8 + 1] AS type,
	$channels[(codes // 8) % 8 + 1] AS channel,
	'DH' || lpad(NULLIF(order_no, -2147483648)::VARCHAR, 8, '0') AS order_id,
	(NULLIF(amount_k, -2147483648)::BIGINT * 1000)::DECIMAL(18, 2) AS amount,
	CASE WHEN codes % 8 <= 1 THEN codes // 512 - 16 END AS quantity,
	$products[NULLIF(product, -2147483648) + 1] AS product_id,
	$product_categories[NULLIF(product, -2147483648) + 1] AS category,
	NULLIF((codes // 64) % 8, 0)::TINYINT AS csat,
	make_timestamp($start_us::BIGINT + NULLIF(resolved_t, -2147483648)::BIGINT * 1000000) AS resolved_at,
	'demo' AS source_file,
	seq AS source_line,
	$ingest_id::BIGINT AS ingest_id
FROM temp.demo_stage_interactions;
