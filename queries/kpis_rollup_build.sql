-- The per-period measures of KPIs and lifecycle-per-period (definitions: docs/METRICS.md), summed from customer_period
-- per grain, period and filter. Stored as table kpi_rollup by the 'periods' refresh step (all filters NULL,
-- $all_dims true: one row set per single customer filter); queries/kpis.sql and lifecycle_period.sql only add rows of
-- it up. When a request has several customer filters (or another as-of date), the same statement with those filters
-- and $all_dims false fills a temporary kpi_rollup with dim 'all' only.
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter.
-- Inputs: $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, filters $region, $country, $acquisition_channel, $segment,
--   $lifecycle, channel.
-- The single-filter row sets are GROUPING SETS over the rows (one pass each, not one copy of every row per filter);
--   the channel rows join customer_channel (a customer counts once in each channel they used).
-- Output: grain, period, dim ('all', 'region', 'country', 'acquisition_channel', 'segment', 'lifecycle', 'channel'), dim_value,
--   active_customers, new_customers, reactivated_customers, churned_customers, churned_from_start, active_delta
--   (spells started - spells ended), retained_customers (active in P and P-1), repeat_customers, revenue,
--   revenue_existing, revenue_of_active, revenue_from_prev_active, orders, resurrecting, dormant_next (active in P,
--   not in P+1).
WITH cp AS (
	SELECT *
	FROM customer_period
	WHERE ($grain::VARCHAR IS NULL OR grain = $grain::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
by_filter AS (
	-- dim 'all' and, with $all_dims, each customer filter: one grouping set each
	SELECT grain, period,
		CASE WHEN grouping(region) = 0 THEN 'region'
			WHEN grouping(country) = 0 THEN 'country'
			WHEN grouping(acquisition_channel) = 0 THEN 'acquisition_channel'
			WHEN grouping(rfm_segment) = 0 THEN 'segment'
			WHEN grouping(lifecycle_stage) = 0 THEN 'lifecycle'
			ELSE 'all' END AS dim,
		-- in the grouping set of one filter column the others are NULL
		coalesce(region, country, acquisition_channel, rfm_segment, lifecycle_stage) AS dim_value,
		count_if(active)::BIGINT AS active_customers,
		count_if(active AND is_new)::BIGINT AS new_customers,
		count_if(reactivations > 0)::BIGINT AS reactivated_customers,
		count_if(churns > 0)::BIGINT AS churned_customers,
		count_if(churns_from_start > 0)::BIGINT AS churned_from_start,
		(count_if(is_new)::BIGINT + sum(reactivations) - sum(churns))::BIGINT AS active_delta,
		count_if(active AND prev_active)::BIGINT AS retained_customers,
		count_if(active AND (NOT is_new OR orders >= 2))::BIGINT AS repeat_customers,
		sum(net_revenue) AS revenue,
		sum(net_revenue) FILTER (WHERE NOT is_new) AS revenue_existing,
		sum(net_revenue) FILTER (WHERE active) AS revenue_of_active,
		sum(net_revenue) FILTER (WHERE prev_active) AS revenue_from_prev_active,
		sum(orders)::BIGINT AS orders,
		count_if(active AND NOT prev_active AND NOT is_new)::BIGINT AS resurrecting,
		count_if(active AND NOT next_active)::BIGINT AS dormant_next
	FROM cp
	GROUP BY GROUPING SETS ((grain, period), (grain, period, region), (grain, period, country),
		(grain, period, acquisition_channel), (grain, period, rfm_segment), (grain, period, lifecycle_stage))
),
by_channel AS (
	-- with $all_dims, dim 'channel': a customer's rows count once in each channel they used. The measures are the
	-- same as above, written again: the channel rows in the same GROUPING SETS (a union of base and channel rows)
	-- measured 2.4x slower, since every set then groups the channel rows too.
	SELECT grain, period, 'channel' AS dim, cc.channel AS dim_value,
		count_if(active)::BIGINT AS active_customers,
		count_if(active AND is_new)::BIGINT AS new_customers,
		count_if(reactivations > 0)::BIGINT AS reactivated_customers,
		count_if(churns > 0)::BIGINT AS churned_customers,
		count_if(churns_from_start > 0)::BIGINT AS churned_from_start,
		(count_if(is_new)::BIGINT + sum(reactivations) - sum(churns))::BIGINT AS active_delta,
		count_if(active AND prev_active)::BIGINT AS retained_customers,
		count_if(active AND (NOT is_new OR orders >= 2))::BIGINT AS repeat_customers,
		sum(net_revenue) AS revenue,
		sum(net_revenue) FILTER (WHERE NOT is_new) AS revenue_existing,
		sum(net_revenue) FILTER (WHERE active) AS revenue_of_active,
		sum(net_revenue) FILTER (WHERE prev_active) AS revenue_from_prev_active,
		sum(orders)::BIGINT AS orders,
		count_if(active AND NOT prev_active AND NOT is_new)::BIGINT AS resurrecting,
		count_if(active AND NOT next_active)::BIGINT AS dormant_next
	FROM cp JOIN customer_channel cc USING (customer_id)
	WHERE $all_dims::BOOLEAN
	GROUP BY grain, period, cc.channel
)
SELECT * FROM by_filter WHERE dim = 'all' OR ($all_dims::BOOLEAN AND dim_value IS NOT NULL)
UNION ALL
SELECT * FROM by_channel
ORDER BY grain, dim, dim_value, period
