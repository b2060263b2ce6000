-- The cells of the cohort retention grid (definitions: docs/METRICS.md "Cohort retention"), summed from
-- customer_period per grain, breakdown, cohort, k and filter. Stored as table cohort_rollup by the 'periods' refresh
-- step for the grains in rollups.ts (all filters NULL, $all_dims true: every breakdown without a filter, and every
-- single customer filter without a breakdown); queries/cohort_retention.sql adds rows of it up. Other requests (a
-- breakdown with a filter, several filters, another grain or as-of date) fill a temporary cohort_rollup from the same
-- statement with those filters, $all_dims false and the breakdown column in {{breakdown}}.
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter.
-- Inputs: $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, $breakdown_by ('none' or the breakdown's name),
--   filters $region, $country, $acquisition_channel, $segment, $lifecycle, channel.
-- Each single filter and each breakdown is a GROUPING SET over the rows (one pass each, not one copy of every row per
--   filter); a breakdown by region, country or acquisition channel has the cells of that filter, NULL values included.
-- Output: grain, breakdown_by, breakdown, cohort, k, dim, dim_value, size (customers new in the cohort), customers
--   (active in period k), last_here (whose last active period is k), revenue (net, period k).
WITH cp AS (
	SELECT *,
		CASE grain
			WHEN 'day' THEN period - cohort
			WHEN 'week' THEN (period - cohort) // 7
			WHEN 'month' THEN datediff('month', cohort, period)
			WHEN 'quarter' THEN datediff('quarter', cohort, period)
			ELSE datediff('year', cohort, period) END AS k,
		{{breakdown}}::VARCHAR AS breakdown
	FROM customer_period
	WHERE ($grain::VARCHAR IS NULL OR grain = $grain::VARCHAR) AND cohort IS NOT NULL
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
sets AS (
	-- $all_dims: no filter, each customer filter and the first-order-channel breakdown, one grouping set each
	SELECT grain, cohort, k,
		CASE WHEN grouping(region) = 0 THEN 'region'
			WHEN grouping(country) = 0 THEN 'country'
			WHEN grouping(acquisition_channel) = 0 THEN 'acquisition_channel'
			WHEN grouping(rfm_segment) = 0 THEN 'segment'
			WHEN grouping(lifecycle_stage) = 0 THEN 'lifecycle'
			WHEN grouping(first_order_channel) = 0 THEN 'first_order_channel'
			ELSE 'all' END AS set_name,
		-- in the grouping set of one column the others are NULL
		coalesce(region, country, acquisition_channel, rfm_segment, lifecycle_stage, first_order_channel) AS value,
		count_if(is_new)::BIGINT AS size,
		count_if(active)::BIGINT AS customers,
		count_if(last_active)::BIGINT AS last_here,
		sum(net_revenue) AS revenue
	FROM cp
	WHERE $all_dims::BOOLEAN
	GROUP BY GROUPING SETS ((grain, cohort, k), (grain, cohort, k, region), (grain, cohort, k, country),
		(grain, cohort, k, acquisition_channel), (grain, cohort, k, rfm_segment), (grain, cohort, k, lifecycle_stage),
		(grain, cohort, k, first_order_channel))
),
cells AS (
	SELECT grain, 'none' AS breakdown_by, NULL::VARCHAR AS breakdown, cohort, k, 'all' AS dim, NULL::VARCHAR AS dim_value,
		size, customers, last_here, revenue
	FROM sets WHERE set_name = 'all'
	UNION ALL
	-- a customer filter: its values (a customer without one is in no filter's rows)
	SELECT grain, 'none', NULL, cohort, k, set_name, value, size, customers, last_here, revenue
	FROM sets WHERE set_name IN ('region', 'country', 'acquisition_channel', 'segment', 'lifecycle') AND value IS NOT NULL
	UNION ALL
	-- a breakdown: every value, NULL (not known) included
	SELECT grain, set_name, value, cohort, k, 'all', NULL, size, customers, last_here, revenue
	FROM sets WHERE set_name IN ('region', 'country', 'acquisition_channel', 'first_order_channel')
	UNION ALL
	-- dim 'channel': a customer's rows count once in each channel they used
	SELECT grain, 'none', NULL, cohort, k, 'channel', cc.channel,
		count_if(is_new)::BIGINT AS size,
		count_if(active)::BIGINT AS customers,
		count_if(last_active)::BIGINT AS last_here,
		sum(net_revenue) AS revenue
	FROM cp JOIN customer_channel cc USING (customer_id)
	WHERE $all_dims::BOOLEAN
	GROUP BY grain, cohort, k, cc.channel
	UNION ALL
	-- one request's cells: its filters applied in cp, its breakdown (or none)
	SELECT grain, $breakdown_by::VARCHAR, breakdown, cohort, k, 'all', NULL,
		count_if(is_new)::BIGINT AS size,
		count_if(active)::BIGINT AS customers,
		count_if(last_active)::BIGINT AS last_here,
		sum(net_revenue) AS revenue
	FROM cp
	WHERE NOT $all_dims::BOOLEAN
	GROUP BY grain, cohort, k, breakdown
)
SELECT *
FROM cells
ORDER BY grain, breakdown_by, dim, dim_value, cohort, k
