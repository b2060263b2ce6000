-- Schema version 12: what the metrics engine precomputes beyond the period tables, and the storage order of
-- customer_period.
-- 1. precompute_state: per precomputed table (name), the version of its inputs it was built from (built_for, written
--    in the transaction that builds the table). A reader compares it with the version of the inputs now and reads
--    the table only when they are equal; otherwise it computes the same SQL on the fly. First user: table
--    segment_customer (queries/segment_customer.sql), built by the refresh step 'segment-summary' after 'models'.
CREATE TABLE precompute_state (
	name VARCHAR PRIMARY KEY,
	built_for VARCHAR NOT NULL,
	built_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- 2. customer_period is now written ordered by grain, region, rfm_segment, period (queries/kpis_customer_period.sql):
--    a request with several customer filters (a rollup built on the fly) then reads the few row groups of its region
--    and segment. An existing table keeps its order until the next 'periods' refresh rewrites it: re-storing it here
--    would hold up the first open of a large database (81 s at 1M customers) for a speed-up only.
