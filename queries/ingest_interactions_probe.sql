-- ingest_interactions_probe: what the first 50,000 rows of a file say about how its dates and amounts are written,
-- before the whole file is checked (src/lib/server/ingest/formats.ts decides from these counts).
-- Inputs: $file (path, used by the reader), $tz (business time zone).
-- Placeholders, filled by src/lib/server/ingest/interactions.ts with SQL made by code only: source, date, amount,
--   price (quoted file column names, or NULL::VARCHAR when the file has no such column).
-- Output: one row of counts.
--   day_first, month_first: dates readable day first / month first; date_differs: dates both readings read, to
--     different days (05/03/2024).
--   Amount and unit price cells, currency signs dropped:
--   dot_one_group: 1.500 (1 to 3 digits, one dot, 3 digits: 1.5 or 1500?); dot_groups: 1.500.000;
--   comma_decimal: 12,5 / 1.234,56 / 0,1234 (a decimal comma); dot_decimal: 12.5 / 12.50 / 0.1234 (a decimal
--   point); comma_groups: 1,234,567 / 1,234.56 (thousands commas).
--   vnd, gbp, usd, eur: cells that carry the sign or code of that currency.
WITH sample AS MATERIALIZED (
	SELECT crm_text({{date}}) AS d, crm_text({{amount}}) AS a, crm_text({{price}}) AS p
	FROM {{source}}
	LIMIT 50000
),
dates AS (
	SELECT
		count(crm_ts(d, $tz, false)) AS day_first,
		count(crm_ts(d, $tz, true)) AS month_first,
		count(*) FILTER (WHERE crm_ts(d, $tz, false) <> crm_ts(d, $tz, true)) AS date_differs
	FROM sample
),
cells AS (
	SELECT v, crm_num_strip(v) AS n
	FROM (SELECT a AS v FROM sample UNION ALL SELECT p AS v FROM sample)
	WHERE v IS NOT NULL
),
amounts AS (
	SELECT
		count(*) FILTER (WHERE regexp_matches(n, '^-?\d{1,3}\.\d{3}$')) AS dot_one_group,
		count(*) FILTER (WHERE regexp_matches(n, '^-?\d{1,3}(\.\d{3}){2,}$')) AS dot_groups,
		count(*) FILTER (
			WHERE regexp_matches(n, '^-?(\d+|\d{1,3}(\.\d{3})+),\d+$') AND NOT regexp_matches(n, '^-?\d{1,3},\d{3}$')
		) AS comma_decimal,
		count(*) FILTER (WHERE regexp_matches(n, '^-?\d*\.(\d{1,2}|\d{4,})$')) AS dot_decimal,
		count(*) FILTER (
			WHERE regexp_matches(n, '^-?\d{1,3}(,\d{3}){2,}$') OR regexp_matches(n, '^-?\d{1,3}(,\d{3})+\.\d+$')
		) AS comma_groups,
		count(*) FILTER (WHERE regexp_matches(v, '₫|đ|Đ|VND|vnd')) AS vnd,
		count(*) FILTER (WHERE regexp_matches(v, '£|GBP')) AS gbp,
		count(*) FILTER (WHERE regexp_matches(v, '\$|USD')) AS usd,
		count(*) FILTER (WHERE regexp_matches(v, '€|EUR')) AS eur
	FROM cells
)
SELECT * FROM dates, amounts;
