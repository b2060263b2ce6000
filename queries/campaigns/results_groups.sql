-- campaigns/results_groups: per group (treated, control) of a launched campaign, the figures its lift is computed
-- from: customers, converters, orders, revenue and the sum of squared revenue per customer (for Welch's variance).
-- Inputs: $campaign_id; the responses mark is queries/campaigns/responses.sql.
-- Output columns: treated, customers, converters, orders, revenue, revenue_sq.
SELECT treated, count(*)::INTEGER AS customers, count(*) FILTER (WHERE orders > 0)::INTEGER AS converters,
	sum(orders)::INTEGER AS orders, coalesce(sum(revenue), 0)::DOUBLE AS revenue,
	coalesce(sum(revenue * revenue), 0)::DOUBLE AS revenue_sq
FROM ({{responses}})
GROUP BY treated
ORDER BY treated DESC
