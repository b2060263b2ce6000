-- ingest_product_names: counts, per product code and description, the lines of one file that carry both, and adds
-- them to product_names (view products: the most frequent name per code). Codes are read as the check reads
-- product_id (crm_text: trimmed, empty = NULL), so they match interactions.product_id.
-- Inputs: $file. Placeholders (fixed SQL from src/lib/server/ingest/product-names.ts): source (the reader),
--   product and name (the file's columns, quoted).
-- Output: none (writes product_names).
INSERT INTO product_names AS p (product_id, name, lines)
SELECT product_id, name, count(*) AS lines
FROM (SELECT crm_text({{product}}) AS product_id, crm_text({{name}}) AS name FROM {{source}})
WHERE product_id IS NOT NULL AND name IS NOT NULL
GROUP BY product_id, name
ON CONFLICT (product_id, name) DO UPDATE SET lines = p.lines + excluded.lines;
