-- Writes the interactions of the sample data to a CSV file (header, comma, UTF-8), as a real export would look.
-- Rows come in insertion order (the generator's order).
-- Inputs: $path (file to write). Output: none.
COPY (
	SELECT interaction_id, customer_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, type, channel, order_id,
		amount, quantity, product_id, category, csat, strftime(resolved_at, '%Y-%m-%d %H:%M:%S') AS resolved_at
	FROM interactions
) TO $path (FORMAT csv, HEADER true);
