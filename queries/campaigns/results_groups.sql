-- campaigns/results_groups: the figures a launched campaign's results are computed from, in one pass over the
-- window's purchases: per stratum (RFM segment at launch), group (treated or not) and day of first purchase in the
-- window (first_day, 0 = send date; NULL for members who did not buy): customers, orders, revenue and the sums of
-- squares (for the variances). Converters are the customers of the rows with a first_day; the stratified
-- estimators (src/lib/server/stats/stratified.ts) weight the strata; the daily curve sums the first days.
-- Inputs: $campaign_id, $send_date, $window_days; the responses mark is queries/campaigns/responses.sql.
-- Output columns: stratum, treated, first_day, customers, orders, orders_sq, revenue, revenue_sq.
SELECT stratum, treated, first_day::INTEGER AS first_day, count(*)::INTEGER AS customers,
	sum(orders)::INTEGER AS orders, sum(orders * orders)::DOUBLE AS orders_sq,
	coalesce(sum(revenue), 0)::DOUBLE AS revenue, coalesce(sum(revenue * revenue), 0)::DOUBLE AS revenue_sq
FROM ({{responses}})
GROUP BY ALL
ORDER BY ALL
