-- The per-period measures of KPIs and lifecycle-per-period (definitions: docs/METRICS.md), summed from customer_period
-- per grain, period and filter. Stored as table kpi_rollup by the 'periods' refresh step (all filters NULL,
-- $all_dims true: one row set per single customer filter); queries/kpis.sql and lifecycle_period.sql only add rows of
-- it up. When a request has several customer filters (or another as-of date), the same statement with those filters
-- and $all_dims false fills a temporary kpi_rollup with dim 'all' only.
-- {{channel_filter}} is set by code (periods-refresh.ts): TRUE, or a semi-join on customer_channel with the bound
--   channel parameter.
-- Inputs: $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, filters $region, $acquisition_channel, $segment,
--   $lifecycle, channel.
-- Output: grain, period, dim ('all', 'region', 'acquisition_channel', 'segment', 'lifecycle', 'channel'), dim_value,
--   active_customers, new_customers, reactivated_customers, churned_customers, churned_from_start, active_delta
--   (spells started - spells ended), retained_customers (active in P and P-1), repeat_customers, revenue,
--   revenue_existing, revenue_of_active, revenue_from_prev_active, orders, resurrecting, dormant_next (active in P,
--   not in P+1).
WITH cp AS (
	SELECT *
	FROM customer_period
	WHERE ($grain::VARCHAR IS NULL OR grain = $grain::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
		AND {{channel_filter}}
),
used AS (
	SELECT customer_id, list({'dim': 'channel', 'dim_value': channel}) AS dims
	FROM customer_channel
	WHERE $all_dims::BOOLEAN
	GROUP BY customer_id
),
by_dim AS (
	-- $all_dims: each row once per filter it belongs to; else once, as dim 'all' (no list per row to unnest)
	SELECT cp.*, unnest([
			{'dim': 'all', 'dim_value': NULL::VARCHAR},
			{'dim': 'region', 'dim_value': cp.region},
			{'dim': 'acquisition_channel', 'dim_value': cp.acquisition_channel},
			{'dim': 'segment', 'dim_value': cp.rfm_segment},
			{'dim': 'lifecycle', 'dim_value': cp.lifecycle_stage}
		] || coalesce(u.dims, []), recursive := true)
	FROM cp
	LEFT JOIN used u USING (customer_id)
	WHERE $all_dims::BOOLEAN
	UNION ALL
	SELECT cp.*, 'all' AS dim, NULL::VARCHAR AS dim_value
	FROM cp
	WHERE NOT $all_dims::BOOLEAN
)
SELECT grain, period, dim, dim_value,
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
FROM by_dim
WHERE dim = 'all' OR dim_value IS NOT NULL
GROUP BY grain, period, dim, dim_value
ORDER BY grain, dim, dim_value, period
