-- The values the filter bar offers and the customers of each: regions (province / city), countries and acquisition
-- channels of table customers, interaction channels of table interactions (customers with an interaction in it).
-- A dimension the data has no value of has no rows (the filter bar then hides it).
-- Inputs: $dimension ('region' | 'country' | 'channel' | 'acquisition_channel'; NULL = all four).
-- Output: dimension, value, customers BIGINT; ordered by dimension (region, country, channel, acquisition_channel),
--   then customers (most first), then value.
WITH all_values AS (
	SELECT 'region' AS dimension, 1 AS pos, region AS value, count(*) AS customers
	FROM customers
	WHERE region IS NOT NULL AND coalesce($dimension::VARCHAR = 'region', true)
	GROUP BY region
	UNION ALL
	SELECT 'country', 2, country, count(*)
	FROM customers
	WHERE country IS NOT NULL AND coalesce($dimension::VARCHAR = 'country', true)
	GROUP BY country
	UNION ALL
	SELECT 'channel', 3, channel, count(DISTINCT customer_id)
	FROM interactions
	WHERE channel IS NOT NULL AND coalesce($dimension::VARCHAR = 'channel', true)
	GROUP BY channel
	UNION ALL
	SELECT 'acquisition_channel', 4, acquisition_channel, count(*)
	FROM customers
	WHERE acquisition_channel IS NOT NULL AND coalesce($dimension::VARCHAR = 'acquisition_channel', true)
	GROUP BY acquisition_channel
)
SELECT dimension, value, customers::BIGINT AS customers
FROM all_values
ORDER BY pos, customers DESC, value
