-- The customer mix at one as-of date as cells (region x country x acquisition channel x segment x stage) for table
-- segment_mix (queries/migrations/011_segment_mix.sql); queries/segment_mix_read.sql adds them up.
-- Reads the relation customer_summary (materialised, or on the fly for an earlier as-of date, see
-- src/lib/server/metrics/summary.ts). Population: customers with a purchase before the as-of date.
-- Inputs: none beyond the relation's. Output: region, country, acquisition_channel, rfm_segment, lifecycle_stage, customers.
SELECT
	region,
	country,
	acquisition_channel,
	coalesce(rfm_segment, 'others') AS rfm_segment,
	lifecycle_stage,
	count(*)::BIGINT AS customers
FROM customer_summary
WHERE orders > 0
GROUP BY ALL
