-- ingest_customers_check: reads one customers file and checks every row into the temp table ingest_checked:
-- normalised values (E.164 phone, lower-case e-mail, gender, consent flags), the first rule a row breaks as `reason`
-- (NULL = loadable), the columns we have no field for as `attributes` JSON (plus <field>_raw for values that could
-- not be read and are stored as NULL), warnings for those, and the raw cells for quarantined rows.
-- Inputs: $file, $tz, $now (business-local TIMESTAMP), $line_offset, $monthfirst.
-- Placeholders (SQL made by src/lib/server/ingest/customers.ts from quoted column names): source,
-- col.<field>, extras_json, duplicate_row, raw_json, cell_too_large (a cell over ingest/cells.ts CELL_LIMIT_BYTES).
-- Output columns: source_line, customer_id, name, email, phone, region, country, gender, birth_year, signup_at,
--   acquisition_channel, consent_email, consent_sms, attributes, warnings (VARCHAR[]), reason, raw.
CREATE OR REPLACE TEMP TABLE ingest_checked AS
WITH src AS (
	SELECT row_number() OVER () AS __n, * FROM {{source}}
),
cells AS (
	SELECT
		src.*,
		crm_text({{col.customer_id}}) AS __customer_id,
		crm_text({{col.name}}) AS __name,
		crm_text({{col.email}}) AS __email_raw,
		crm_text({{col.phone}}) AS __phone_raw,
		crm_text({{col.region}}) AS __region,
		crm_text({{col.country}}) AS __country,
		lower(crm_text({{col.gender}})) AS __gender_raw,
		crm_text({{col.birth_year}}) AS __birth_year_raw,
		crm_text({{col.signup_at}}) AS __signup_raw,
		lower(crm_text({{col.acquisition_channel}})) AS __acquisition_channel,
		crm_text({{col.consent_email}}) AS __consent_email_raw,
		crm_text({{col.consent_sms}}) AS __consent_sms_raw
	FROM src
),
parsed AS (
	SELECT
		cells.*,
		crm_email(__email_raw) AS __email,
		crm_e164(__phone_raw) AS __phone,
		CASE __gender_raw
			WHEN 'f' THEN 'female' WHEN 'female' THEN 'female' WHEN 'woman' THEN 'female' WHEN 'nữ' THEN 'female'
			WHEN 'nu' THEN 'female'
			WHEN 'm' THEN 'male' WHEN 'male' THEN 'male' WHEN 'man' THEN 'male' WHEN 'nam' THEN 'male'
			ELSE CASE WHEN __gender_raw IS NOT NULL THEN 'other' END
		END AS __gender,
		CASE WHEN crm_int(__birth_year_raw) BETWEEN 1900 AND year($now::TIMESTAMP) THEN crm_int(__birth_year_raw) END
			AS __birth_year,
		crm_ts(__signup_raw, $tz, $monthfirst::BOOLEAN) AS __signup_parsed,
		crm_bool(__consent_email_raw) AS __consent_email,
		crm_bool(__consent_sms_raw) AS __consent_sms
	FROM cells
),
checked AS (
	SELECT
		parsed.*,
		CASE WHEN __signup_parsed <= $now::TIMESTAMP THEN __signup_parsed END AS __signup_at,
		CASE
			WHEN {{cell_too_large}} THEN 'cell too large'
			WHEN __customer_id IS NULL THEN 'missing customer id'
			WHEN {{duplicate_row}} THEN 'duplicate row'
			WHEN row_number() OVER (PARTITION BY __customer_id ORDER BY __n) > 1 THEN 'duplicate id'
		END AS __reason
	FROM parsed
),
noted AS (
	SELECT
		checked.*,
		{
			'email_raw': CASE WHEN __email_raw IS NOT NULL AND __email IS NULL THEN __email_raw END,
			'phone_raw': CASE WHEN __phone_raw IS NOT NULL AND __phone IS NULL THEN __phone_raw END,
			'birth_year_raw': CASE WHEN __birth_year_raw IS NOT NULL AND __birth_year IS NULL THEN __birth_year_raw END,
			'signup_at_raw': CASE WHEN __signup_raw IS NOT NULL AND __signup_at IS NULL THEN __signup_raw END,
			'consent_email_raw': CASE WHEN __consent_email_raw IS NOT NULL AND __consent_email IS NULL THEN __consent_email_raw END,
			'consent_sms_raw': CASE WHEN __consent_sms_raw IS NOT NULL AND __consent_sms IS NULL THEN __consent_sms_raw END
		} AS __unreadable
	FROM checked
)
SELECT
	__n + $line_offset::BIGINT AS source_line,
	__customer_id AS customer_id,
	__name AS name,
	__email AS email,
	__phone AS phone,
	__region AS region,
	__country AS country,
	__gender AS gender,
	__birth_year AS birth_year,
	__signup_at AS signup_at,
	__acquisition_channel AS acquisition_channel,
	__consent_email AS consent_email,
	__consent_sms AS consent_sms,
	nullif(json_merge_patch({{extras_json}}, to_json(__unreadable))::VARCHAR, '{}')::JSON AS attributes,
	list_filter([
		CASE WHEN __unreadable.email_raw IS NOT NULL THEN 'invalid email' END,
		CASE WHEN __unreadable.phone_raw IS NOT NULL THEN 'invalid phone' END,
		CASE WHEN __unreadable.birth_year_raw IS NOT NULL THEN 'invalid birth year' END,
		CASE WHEN __unreadable.signup_at_raw IS NOT NULL THEN 'invalid signup date' END,
		CASE WHEN __unreadable.consent_email_raw IS NOT NULL OR __unreadable.consent_sms_raw IS NOT NULL
			THEN 'invalid consent value' END
	], x -> x IS NOT NULL) AS warnings,
	__reason AS reason,
	CASE WHEN __reason IS NOT NULL THEN {{raw_json}} END AS raw
FROM noted;
