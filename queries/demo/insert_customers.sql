-- Turns the staged customer codes of `crm demo` into canonical customers rows.
-- Inputs: $start_us (BIGINT, period start as microseconds since 1970 in local wall-clock time), $ingest_id,
--   $provinces, $macro_regions, $genders, $acquisition_channels, $channels, $tiers (VARCHAR lists).
-- Output: none (inserts into customers, by column name: the consent columns of other channels stay NULL).
INSERT INTO customers BY NAME
SELECT
	'C' || lpad((idx + 1)::VARCHAR, 7, '0') AS customer_id,
	name,
	email,
	phone,
	$provinces[province + 1] AS region,
	'VN' AS country,
	$genders[NULLIF(gender, -2147483648) + 1] AS gender,
	birth_year,
	make_timestamp($start_us::BIGINT + signup_s::BIGINT * 1000000) AS signup_at,
	$acquisition_channels[acquisition + 1] AS acquisition_channel,
	consent_email = 1 AS consent_email,
	consent_sms = 1 AS consent_sms,
	json_object(
		'loyalty_tier', $tiers[tier + 1],
		'preferred_channel', $channels[preferred + 1],
		'macro_region', $macro_regions[macro_region + 1]
	) AS attributes,
	'demo' AS source_file,
	idx + 1 AS source_line,
	$ingest_id::BIGINT AS ingest_id
FROM temp.demo_stage_customers;
