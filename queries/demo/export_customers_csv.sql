-- Writes the customers of the sample data to a CSV file (header, comma, UTF-8), as a real export would look.
-- Rows come in insertion order (the generator's order).
-- Inputs: $path (file to write). Output: none.
COPY (
	SELECT customer_id, name, email, phone, region, country, gender, birth_year, strftime(signup_at, '%Y-%m-%d %H:%M:%S') AS signup_at,
		acquisition_channel, consent_email, consent_sms,
		attributes->>'loyalty_tier' AS loyalty_tier, attributes->>'preferred_channel' AS preferred_channel,
		attributes->>'macro_region' AS macro_region
	FROM customers
) TO $path (FORMAT csv, HEADER true);
