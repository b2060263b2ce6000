-- The customer mix at one as-of date: customers per RFM segment and per lifecycle stage (the overview's "mix over
-- time" runs it once per period end, src/lib/server/overview.ts).
-- Reads the relation customer_summary (materialised or on the fly for another as-of date, see
-- src/lib/server/metrics/summary.ts), so segments and stages are the ones customer_summary_compute.sql defines.
-- Population: the filtered customers with a purchase before the as-of date (as rfm_segment_summary.sql and
-- lifecycle_customer_counts.sql count them).
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Output: kind ('segment' | 'stage'), key (rfm_segment or lifecycle_stage), customers; ordered by kind, key.
WITH base AS (
	SELECT rfm_segment, lifecycle_stage
	FROM customer_summary
	WHERE orders > 0
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
)
SELECT 'segment' AS kind, coalesce(rfm_segment, 'others') AS key, count(*)::BIGINT AS customers
FROM base GROUP BY ALL
UNION ALL
SELECT 'stage' AS kind, lifecycle_stage AS key, count(*)::BIGINT AS customers
FROM base WHERE lifecycle_stage IS NOT NULL GROUP BY ALL
ORDER BY kind, key
