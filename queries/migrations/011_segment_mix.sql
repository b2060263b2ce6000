-- Schema version 11: the overview's customer mix over time, precomputed by the refresh step 'mix'
-- (src/lib/server/overview.ts refreshSegmentMix): customers with a purchase per as-of date, region, acquisition
-- channel, RFM segment and lifecycle stage, each scored as customer_summary_compute.sql scores them at that date.
-- Scoring a million customers at seven past dates takes seconds each: done once per refresh, not per page view.
CREATE TABLE segment_mix (
	grain VARCHAR NOT NULL,        -- the grain of the period starts ('quarter': what the overview shows)
	as_of DATE NOT NULL,           -- exclusive: the mix of the history before it
	region VARCHAR,
	acquisition_channel VARCHAR,
	rfm_segment VARCHAR NOT NULL,
	lifecycle_stage VARCHAR,
	customers BIGINT NOT NULL
);
