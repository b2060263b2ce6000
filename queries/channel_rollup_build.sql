-- Interactions, customers and revenue per grain, period, channel and interaction type (definitions:
-- docs/METRICS.md "Channels and journey"), summed from channel_period per filter. Stored as table channel_rollup by
-- the 'periods' refresh step (all filters NULL, $all_dims true: one row set per single customer filter);
-- queries/channel_metrics.sql adds rows of it up. With several customer filters (or another as-of date) the same
-- statement with those filters and $all_dims false fills a temporary channel_rollup with dim 'all' only.
-- Inputs: $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, filters $region, $acquisition_channel, $segment,
--   $lifecycle. (The channel filter is a column of the rollup.)
-- Output: grain, period, channel, dim ('all', 'region', 'acquisition_channel', 'segment', 'lifecycle'), dim_value,
--   per type (all, purchase, refund, open, click, visit, ticket, call, survey, other): n_ = interactions,
--   c_ = customers with one, r_ = revenue (all: net; purchase; refund).
WITH cp AS (
	SELECT *
	FROM channel_period
	WHERE ($grain::VARCHAR IS NULL OR grain = $grain::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
),
by_dim AS (
	SELECT cp.*, unnest(CASE WHEN $all_dims::BOOLEAN THEN [
			{'dim': 'all', 'dim_value': NULL::VARCHAR},
			{'dim': 'region', 'dim_value': cp.region},
			{'dim': 'acquisition_channel', 'dim_value': cp.acquisition_channel},
			{'dim': 'segment', 'dim_value': cp.rfm_segment},
			{'dim': 'lifecycle', 'dim_value': cp.lifecycle_stage}
		] ELSE [{'dim': 'all', 'dim_value': NULL::VARCHAR}] END, recursive := true)
	FROM cp
)
SELECT grain, period, channel, dim, dim_value,
	sum(interactions)::BIGINT AS n_all, count(*)::BIGINT AS c_all, sum(revenue) AS r_all,
	sum(purchases)::BIGINT AS n_purchase, count_if(purchases > 0)::BIGINT AS c_purchase, sum(purchase_amount) AS r_purchase,
	sum(refunds)::BIGINT AS n_refund, count_if(refunds > 0)::BIGINT AS c_refund, sum(refund_amount) AS r_refund,
	sum(email_opens)::BIGINT AS n_open, count_if(email_opens > 0)::BIGINT AS c_open,
	sum(email_clicks)::BIGINT AS n_click, count_if(email_clicks > 0)::BIGINT AS c_click,
	sum(web_visits)::BIGINT AS n_visit, count_if(web_visits > 0)::BIGINT AS c_visit,
	sum(support_tickets)::BIGINT AS n_ticket, count_if(support_tickets > 0)::BIGINT AS c_ticket,
	sum(calls)::BIGINT AS n_call, count_if(calls > 0)::BIGINT AS c_call,
	sum(surveys)::BIGINT AS n_survey, count_if(surveys > 0)::BIGINT AS c_survey,
	sum(others)::BIGINT AS n_other, count_if(others > 0)::BIGINT AS c_other
FROM by_dim
WHERE dim = 'all' OR dim_value IS NOT NULL
GROUP BY grain, period, channel, dim, dim_value
ORDER BY grain, dim, dim_value, period, channel
