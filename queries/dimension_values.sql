-- The values the filter bar offers: distinct non-null regions and acquisition channels (table customers) and
-- interaction channels (table interactions).
-- Inputs: $dimension ('region' | 'channel' | 'acquisition_channel'; NULL = all three).
-- Output: dimension, value; ordered by dimension (region, channel, acquisition_channel), then value.
WITH all_values AS (
	SELECT 'region' AS dimension, 1 AS pos, region AS value FROM customers WHERE region IS NOT NULL
	UNION
	SELECT 'channel', 2, channel FROM interactions WHERE channel IS NOT NULL
	UNION
	SELECT 'acquisition_channel', 3, acquisition_channel FROM customers WHERE acquisition_channel IS NOT NULL
)
SELECT dimension, value
FROM all_values
WHERE $dimension::VARCHAR IS NULL OR dimension = $dimension::VARCHAR
ORDER BY pos, value
