-- ingest_customers_upsert: loads the loadable rows of ingest_checked into customers. A new id is inserted; an
-- existing one is updated field by field where the file has a value (attributes are merged), so a newer export
-- refreshes what it knows and keeps the rest.
-- Inputs: $ingest_id, $source_file. Output: none.
INSERT INTO customers (customer_id, name, email, phone, region, country, gender, birth_year, signup_at,
	acquisition_channel, consent_email, consent_sms, attributes, source_file, source_line, ingest_id)
SELECT customer_id, name, email, phone, region, country, gender, birth_year, signup_at,
	acquisition_channel, consent_email, consent_sms, attributes, $source_file, source_line, $ingest_id::BIGINT
FROM ingest_checked
WHERE reason IS NULL
ON CONFLICT (customer_id) DO UPDATE SET
	name = coalesce(EXCLUDED.name, customers.name),
	email = coalesce(EXCLUDED.email, customers.email),
	phone = coalesce(EXCLUDED.phone, customers.phone),
	region = coalesce(EXCLUDED.region, customers.region),
	country = coalesce(EXCLUDED.country, customers.country),
	gender = coalesce(EXCLUDED.gender, customers.gender),
	birth_year = coalesce(EXCLUDED.birth_year, customers.birth_year),
	signup_at = coalesce(EXCLUDED.signup_at, customers.signup_at),
	acquisition_channel = coalesce(EXCLUDED.acquisition_channel, customers.acquisition_channel),
	consent_email = coalesce(EXCLUDED.consent_email, customers.consent_email),
	consent_sms = coalesce(EXCLUDED.consent_sms, customers.consent_sms),
	attributes = CASE
		WHEN customers.attributes IS NULL THEN EXCLUDED.attributes
		WHEN EXCLUDED.attributes IS NULL THEN customers.attributes
		ELSE json_merge_patch(customers.attributes, EXCLUDED.attributes)
	END,
	source_file = EXCLUDED.source_file,
	source_line = EXCLUDED.source_line,
	ingest_id = EXCLUDED.ingest_id;
