-- The interaction types the whole database holds (no filters), so a panel that is empty can say whether the data has
-- no rows of its type at all (an orders-only file has no surveys or tickets) or no rows match the filters.
-- Inputs: none. Output: type (one row per type present), interactions (its count); ordered by type.
SELECT type, count(*) AS interactions
FROM interactions
GROUP BY type
ORDER BY type
