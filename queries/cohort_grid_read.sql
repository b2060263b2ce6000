-- The stored cohort grid: the rows of queries/cohort_retention.sql without a customer filter and without from/to,
-- per grain (week..year) and breakdown, at the as-of date of the period tables. Stored as table cohort_grid by the
-- 'periods' refresh step (src/lib/server/metrics/rollups.ts buildCohortGrid) in the transaction that builds
-- cohort_rollup, so it is never older than the rollup; any other request runs cohort_retention.sql.
-- Inputs: $grain, $breakdown_by ('none' or the breakdown's name).
-- Output: the columns of cohort_retention.sql, in its order.
SELECT breakdown, cohort, k, period, complete, cohort_size, customers, customers_on_or_after, revenue, cohort_revenue,
	share_on, share_on_or_after, revenue_ratio, is_average
FROM cohort_grid
WHERE grain = $grain::VARCHAR AND breakdown_by = $breakdown_by::VARCHAR
ORDER BY is_average, breakdown NULLS FIRST, cohort, k
