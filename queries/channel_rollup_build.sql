-- Interactions, customers and revenue per grain, period, channel and interaction type (definitions:
-- docs/METRICS.md "Channels and journey"), from customer_day_channel. Stored as table channel_rollup by the 'periods'
-- refresh step, grain by grain (all filters NULL, $all_dims true: one row set per single customer filter);
-- queries/channel_metrics.sql adds rows of it up. With several customer filters (or another as-of date) the same
-- statement with those filters and $all_dims false runs as a CTE of the same name, dim 'all' only.
-- Customers are counted as rows of `per` (one per grain, period, channel and customer), so a customer active on
-- several days of a period counts once. The single-filter row sets are GROUPING SETS over `per`, one pass each
-- instead of one copy of every row per filter.
-- Inputs: $as_of DATE (exclusive), $grain VARCHAR or NULL (all grains), $all_dims BOOLEAN, filters $region, $country,
--   $acquisition_channel, $segment, $lifecycle. (The channel filter is a column of the rollup.)
-- Output: grain, period, channel ('unknown' when missing), dim ('all', 'region', 'country', 'acquisition_channel',
--   'segment', 'lifecycle'), dim_value, per type (all, purchase, refund, open, click, visit, ticket, call, survey, other):
--   n_ = interactions, c_ = customers with one, r_ = revenue (all: net; purchase; refund).
WITH grains AS (
	SELECT grain FROM (VALUES ('day'), ('week'), ('month'), ('quarter'), ('year')) g(grain)
	WHERE $grain::VARCHAR IS NULL OR grain = $grain::VARCHAR
),
customer AS (
	SELECT customer_id, region, country, acquisition_channel, rfm_segment, lifecycle_stage
	FROM customer_summary
	WHERE ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
),
filtered AS (
	-- Without a customer filter every customer_day_channel row is kept (a customer missing from the summary too).
	SELECT d.*
	FROM customer_day_channel d
	WHERE d.day < $as_of::DATE
		AND (($region::VARCHAR IS NULL AND $country::VARCHAR IS NULL AND $acquisition_channel::VARCHAR IS NULL
			AND $segment::VARCHAR IS NULL AND $lifecycle::VARCHAR IS NULL) OR d.customer_id IN (SELECT customer_id FROM customer))
),
per AS (
	SELECT g.grain, date_trunc(g.grain, d.day)::DATE AS period, coalesce(d.channel, 'unknown') AS channel,
		d.customer_id,
		sum(d.interactions)::INTEGER AS interactions,
		sum(d.purchases)::INTEGER AS purchases,
		sum(d.refunds)::INTEGER AS refunds,
		sum(d.email_opens)::INTEGER AS email_opens,
		sum(d.email_clicks)::INTEGER AS email_clicks,
		sum(d.web_visits)::INTEGER AS web_visits,
		sum(d.support_tickets)::INTEGER AS support_tickets,
		sum(d.calls)::INTEGER AS calls,
		sum(d.surveys)::INTEGER AS surveys,
		sum(d.interactions - d.purchases - d.refunds - d.email_opens - d.email_clicks - d.web_visits
			- d.support_tickets - d.calls - d.surveys)::INTEGER AS others,
		sum(d.net_revenue)::DOUBLE AS revenue,
		sum(d.purchase_amount)::DOUBLE AS purchase_amount,
		sum(d.refund_amount)::DOUBLE AS refund_amount
	FROM filtered d CROSS JOIN grains g
	GROUP BY ALL
),
dims AS (
	SELECT p.*, c.region, c.country, c.acquisition_channel, c.rfm_segment, c.lifecycle_stage
	FROM per p
	LEFT JOIN customer c USING (customer_id)
),
rolled AS (
	SELECT grain, period, channel,
		CASE WHEN grouping(region) = 0 THEN 'region'
			WHEN grouping(country) = 0 THEN 'country'
			WHEN grouping(acquisition_channel) = 0 THEN 'acquisition_channel'
			WHEN grouping(rfm_segment) = 0 THEN 'segment'
			WHEN grouping(lifecycle_stage) = 0 THEN 'lifecycle'
			ELSE 'all' END AS dim,
		-- in a grouping set of one filter column the others are NULL
		coalesce(region, country, acquisition_channel, rfm_segment, lifecycle_stage) AS dim_value,
		sum(interactions)::BIGINT AS n_all, count(*)::BIGINT AS c_all, sum(revenue) AS r_all,
		sum(purchases)::BIGINT AS n_purchase, count_if(purchases > 0)::BIGINT AS c_purchase,
		sum(purchase_amount) AS r_purchase,
		sum(refunds)::BIGINT AS n_refund, count_if(refunds > 0)::BIGINT AS c_refund, sum(refund_amount) AS r_refund,
		sum(email_opens)::BIGINT AS n_open, count_if(email_opens > 0)::BIGINT AS c_open,
		sum(email_clicks)::BIGINT AS n_click, count_if(email_clicks > 0)::BIGINT AS c_click,
		sum(web_visits)::BIGINT AS n_visit, count_if(web_visits > 0)::BIGINT AS c_visit,
		sum(support_tickets)::BIGINT AS n_ticket, count_if(support_tickets > 0)::BIGINT AS c_ticket,
		sum(calls)::BIGINT AS n_call, count_if(calls > 0)::BIGINT AS c_call,
		sum(surveys)::BIGINT AS n_survey, count_if(surveys > 0)::BIGINT AS c_survey,
		sum(others)::BIGINT AS n_other, count_if(others > 0)::BIGINT AS c_other
	FROM dims
	GROUP BY GROUPING SETS ((grain, period, channel), (grain, period, channel, region),
		(grain, period, channel, country), (grain, period, channel, acquisition_channel),
		(grain, period, channel, rfm_segment), (grain, period, channel, lifecycle_stage))
)
SELECT *
FROM rolled
WHERE dim = 'all' OR ($all_dims::BOOLEAN AND dim_value IS NOT NULL)
ORDER BY grain, dim, dim_value, period, channel
