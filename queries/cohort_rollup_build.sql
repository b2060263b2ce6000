-- The cells of the cohort retention grid (definitions: docs/METRICS.md "Cohort retention"), summed from
-- customer_period per grain, breakdown, cohort, k and filter. Stored as table cohort_rollup by the 'periods' refresh
-- step for the grains in rollups.ts (all filters NULL, $all_dims true: every breakdown without a filter, and every
-- single customer filter without a breakdown); queries/cohort_retention.sql adds rows of it up. Other requests (a
-- breakdown with a filter, several filters, another grain or as-of date) fill a temporary cohort_rollup from the same
-- statement with those filters, $all_dims false and the breakdown column in {{breakdown}}.
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter.
-- Inputs: $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, $breakdown_by ('none' or the breakdown's name),
--   filters $region, $acquisition_channel, $segment, $lifecycle, channel.
-- Output: grain, breakdown_by, breakdown, cohort, k, dim, dim_value, size (customers new in the cohort), customers
--   (active in period k), last_here (whose last active period is k), revenue (net, period k).
WITH cp AS (
	SELECT *,
		CASE grain
			WHEN 'day' THEN period - cohort
			WHEN 'week' THEN (period - cohort) // 7
			WHEN 'month' THEN datediff('month', cohort, period)
			WHEN 'quarter' THEN datediff('quarter', cohort, period)
			ELSE datediff('year', cohort, period) END AS k
	FROM customer_period
	WHERE ($grain::VARCHAR IS NULL OR grain = $grain::VARCHAR) AND cohort IS NOT NULL
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
used AS (
	SELECT customer_id,
		list({'breakdown_by': 'none', 'breakdown': NULL::VARCHAR, 'dim': 'channel', 'dim_value': channel}) AS dims
	FROM customer_channel
	WHERE $all_dims::BOOLEAN
	GROUP BY customer_id
),
by_dim AS (
	SELECT cp.*, unnest(CASE WHEN $all_dims::BOOLEAN THEN [
			{'breakdown_by': 'none', 'breakdown': NULL::VARCHAR, 'dim': 'all', 'dim_value': NULL::VARCHAR},
			{'breakdown_by': 'none', 'breakdown': NULL, 'dim': 'region', 'dim_value': cp.region},
			{'breakdown_by': 'none', 'breakdown': NULL, 'dim': 'acquisition_channel', 'dim_value': cp.acquisition_channel},
			{'breakdown_by': 'none', 'breakdown': NULL, 'dim': 'segment', 'dim_value': cp.rfm_segment},
			{'breakdown_by': 'none', 'breakdown': NULL, 'dim': 'lifecycle', 'dim_value': cp.lifecycle_stage},
			{'breakdown_by': 'region', 'breakdown': cp.region, 'dim': 'all', 'dim_value': NULL},
			{'breakdown_by': 'acquisition_channel', 'breakdown': cp.acquisition_channel, 'dim': 'all', 'dim_value': NULL},
			{'breakdown_by': 'first_order_channel', 'breakdown': cp.first_order_channel, 'dim': 'all', 'dim_value': NULL}
		] || coalesce(u.dims, [])
		ELSE [{'breakdown_by': $breakdown_by::VARCHAR, 'breakdown': {{breakdown}}::VARCHAR, 'dim': 'all',
			'dim_value': NULL::VARCHAR}] END, recursive := true)
	FROM cp
	LEFT JOIN used u USING (customer_id)
)
SELECT grain, breakdown_by, breakdown, cohort, k, dim, dim_value,
	count_if(is_new)::BIGINT AS size,
	count_if(active)::BIGINT AS customers,
	count_if(last_active)::BIGINT AS last_here,
	sum(net_revenue) AS revenue
FROM by_dim
WHERE dim = 'all' OR dim_value IS NOT NULL
GROUP BY ALL
ORDER BY grain, breakdown_by, dim, dim_value, cohort, k
