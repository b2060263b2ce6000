-- Writes the interactions of the sample data to a Parquet file, as a real export would look.
-- Rows come in insertion order (the generator's order).
-- Inputs: $path (file to write). Output: none.
COPY (
	SELECT interaction_id, customer_id, occurred_at, type, channel, order_id,
		amount, quantity, product_id, category, csat, resolved_at
	FROM interactions
) TO $path (FORMAT parquet, COMPRESSION zstd);
