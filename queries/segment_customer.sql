-- Per-customer inputs of the segment summary (queries/rfm_segment_summary.sql): every customer of customer_summary
-- with a purchase, with the predicted CLV and P(alive) of the latest run of the purchase model in use (view current_predictions; NULL for
-- a customer without a prediction).
-- Materialised as table segment_customer by the refresh step 'segment-summary' (after 'models'; src/lib/server/
-- metrics/segments.ts) so that the summary does not join a million predictions per request; read only while
-- queries/segment_customer_version.sql still gives the version it was built for, else this statement runs as a CTE
-- of the same name (also over customer_summary computed on the fly for another as-of date, range or scoring).
-- Inputs: none (reads the relations customer_summary and current_predictions).
-- Output: customer_id, rfm_segment, region, country, acquisition_channel, lifecycle_stage, orders, net_revenue,
--   recency_days, predicted_clv, p_alive, churn_band.
SELECT s.customer_id, s.rfm_segment, s.region, s.country, s.acquisition_channel, s.lifecycle_stage, s.orders, s.net_revenue,
	s.recency_days, p.predicted_clv, p.p_alive, p.churn_band
FROM customer_summary s
LEFT JOIN current_predictions p USING (customer_id)
WHERE s.orders > 0
