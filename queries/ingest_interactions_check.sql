-- ingest_interactions_check: reads one file and checks every row, into the temp table ingest_checked: one row per
-- input row, in file order, with the parsed canonical values, the first rule it breaks as `reason` (NULL =
-- loadable) and the raw cells as JSON (for rows that break a rule, or for every row when keep_raw is true because
-- the duplicate checks of ingest_interactions_duplicates may still quarantine it).
-- No row number here: row_number() OVER () would make DuckDB read and check the whole file on one thread. The
-- table is written in the reader's order (preserve_insertion_order), so record number = rowid + 1; the statements
-- that follow derive source_line and the derived interaction ids from it.
-- Inputs: $file (path, used by the reader), $tz (business time zone), $now (business-local now, TIMESTAMP),
--   $monthfirst (read 01/02/2024 as January 2), $date_format ('' = read as crm_ts does, else a crm_ts_as format),
--   $date_ambiguous (the file's dates read both day and month first: a date whose two readings differ is
--   'ambiguous date'), $min_date (earlier dates are quarantined), $amount_decimal, $price_decimal ('.' or ',': the
--   number format of the amount and the unit price column), $amount_ambiguous, $price_ambiguous (1.500 there is
--   'ambiguous amount': the file does not say whether the dot is a decimal point).
-- Placeholders, filled by src/lib/server/ingest/interactions.ts with SQL made by code only (file column names
-- quoted by quoteIdent, fixed preset expressions): source, col.<field>, type, amount, first_reason,
-- preset_reason, keep_raw, raw_json, optional_columns, cell_too_large (a cell over ingest/cells.ts CELL_LIMIT_BYTES).
-- Output columns: customer_id, occurred_at, type, amount, reason, raw, and only when the file has them (a column of
--   NULLs would still be written for every row: on the 2M-row bench file the check cost 13% less CPU without
--   them): interaction_id (the file's id), channel, order_id, quantity, product_id, category, csat, resolved_at,
--   country; source_line (NULL, set by ingest_line_map) only for leniently read files.
CREATE OR REPLACE TEMP TABLE ingest_checked AS
WITH cells AS (
	SELECT
		src.*,
		crm_text({{col.interaction_id}}) AS __id_raw,
		crm_text({{col.customer_id}}) AS __customer_id,
		crm_text({{col.occurred_at}}) AS __occurred_raw,
		crm_text({{col.type}}) AS __type_raw,
		lower(crm_text({{col.channel}})) AS __channel,
		crm_text({{col.order_id}}) AS __order_id,
		crm_text({{col.amount}}) AS __amount_raw,
		crm_text({{col.quantity}}) AS __quantity_raw,
		crm_text({{col.unit_price}}) AS __price_raw,
		crm_text({{col.product_id}}) AS __product_id,
		crm_text({{col.category}}) AS __category,
		crm_text({{col.csat}}) AS __csat_raw,
		crm_text({{col.resolved_at}}) AS __resolved_raw,
		crm_text({{col.country}}) AS __country
	FROM {{source}} src
),
parsed AS (
	SELECT
		cells.*,
		CASE WHEN $date_format::VARCHAR = '' THEN crm_ts(__occurred_raw, $tz, $monthfirst::BOOLEAN)
			ELSE crm_ts_as(__occurred_raw, $tz, $date_format::VARCHAR) END AS __occurred_at,
		crm_num(__amount_raw, $amount_decimal::VARCHAR) AS __amount_num,
		crm_int(__quantity_raw) AS __quantity,
		crm_num(__price_raw, $price_decimal::VARCHAR) AS __price,
		crm_int(__csat_raw) AS __csat,
		CASE WHEN $date_format::VARCHAR = '' THEN crm_ts(__resolved_raw, $tz, $monthfirst::BOOLEAN)
			ELSE crm_ts_as(__resolved_raw, $tz, $date_format::VARCHAR) END AS __resolved_at
	FROM cells
),
typed AS (
	SELECT parsed.*, {{type}} AS __type FROM parsed
),
valued AS (
	SELECT typed.*, try_cast(round({{amount}}, 2) AS DECIMAL(18, 2)) AS __amount FROM typed
),
checked AS (
	SELECT
		valued.*,
		CASE
			WHEN {{cell_too_large}} THEN 'cell too large'
			{{first_reason}}
			WHEN __customer_id IS NULL THEN 'missing customer id'
			WHEN __occurred_raw IS NULL THEN 'missing date'
			WHEN __occurred_at IS NULL THEN 'unparseable date'
			-- a two-digit year read as year 24 (or 2); with --date-format the year is read as the user says
			WHEN $date_format::VARCHAR = '' AND __occurred_at < TIMESTAMP '0100-01-01'
				AND crm_ts_two_digit_year(__occurred_raw) THEN 'ambiguous date'
			WHEN $date_ambiguous::BOOLEAN AND crm_ts(__occurred_raw, $tz, true) <> __occurred_at THEN 'ambiguous date'
			WHEN __occurred_at < $min_date::TIMESTAMP THEN 'date before ' || $min_date::VARCHAR
			WHEN __occurred_at > $now::TIMESTAMP THEN 'date in the future'
			WHEN __type IS NULL THEN 'unknown type'
			WHEN $amount_ambiguous::BOOLEAN AND crm_num_dot_ambiguous(__amount_raw) THEN 'ambiguous amount'
			WHEN $price_ambiguous::BOOLEAN AND crm_num_dot_ambiguous(__price_raw) THEN 'ambiguous amount'
			WHEN __amount_raw IS NOT NULL AND __amount_num IS NULL THEN
				CASE WHEN crm_num_wide(__amount_raw, $amount_decimal::VARCHAR) IS NULL THEN 'non-numeric amount'
					ELSE 'amount out of range' END
			WHEN __price_raw IS NOT NULL AND __price IS NULL THEN
				CASE WHEN crm_num_wide(__price_raw, $price_decimal::VARCHAR) IS NULL THEN 'non-numeric amount'
					ELSE 'amount out of range' END
			WHEN __quantity_raw IS NOT NULL AND __quantity IS NULL THEN 'non-numeric quantity'
			WHEN (__amount_num IS NOT NULL OR __price IS NOT NULL) AND __amount IS NULL THEN 'amount out of range'
			{{preset_reason}}
			WHEN __csat_raw IS NOT NULL AND (__csat IS NULL OR __csat NOT BETWEEN 1 AND 5) THEN 'csat out of range'
			WHEN __resolved_raw IS NOT NULL AND __resolved_at IS NULL THEN 'unparseable resolved_at'
		END AS __reason
	FROM valued
)
SELECT
	{{optional_columns}}
	__customer_id AS customer_id,
	__occurred_at AS occurred_at,
	__type AS type,
	__amount AS amount,
	__reason AS reason,
	CASE WHEN __reason IS NOT NULL OR {{keep_raw}} THEN {{raw_json}} END AS raw
FROM checked;
