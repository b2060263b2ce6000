-- campaigns/results_groups: per stratum (RFM segment at launch) and group (treated, control) of a launched campaign,
-- the figures its lift is computed from: customers, converters, orders, revenue and the sum of squared revenue per
-- customer (for the variance). The stratified estimators (src/lib/server/stats/stratified.ts) weight the strata.
-- Inputs: $campaign_id; the responses mark is queries/campaigns/responses.sql.
-- Output columns: stratum, treated, customers, converters, orders, orders_sq, revenue, revenue_sq.
SELECT stratum, treated, count(*)::INTEGER AS customers, count(*) FILTER (WHERE orders > 0)::INTEGER AS converters,
	sum(orders)::INTEGER AS orders, sum(orders * orders)::DOUBLE AS orders_sq, coalesce(sum(revenue), 0)::DOUBLE AS revenue,
	coalesce(sum(revenue * revenue), 0)::DOUBLE AS revenue_sq
FROM ({{responses}})
GROUP BY stratum, treated
ORDER BY stratum, treated DESC
