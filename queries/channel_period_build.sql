-- Per grain, period, channel and customer: interactions by type and money, from customer_day_channel. Channel metrics
-- count distinct customers with a plain count_if over these rows (one row per customer, period and channel).
-- Inputs: $as_of DATE (exclusive), $grain VARCHAR or NULL for all grains.
-- Output: grain, period DATE, channel ('unknown' when missing), customer_id, interactions, purchases, refunds,
--   email_opens, email_clicks, web_visits, support_tickets, calls, surveys, others (the rest), revenue DOUBLE (net),
--   purchase_amount, refund_amount (<= 0),
--   orders, region, acquisition_channel, rfm_segment, lifecycle_stage.
WITH grains AS (
	SELECT grain FROM (VALUES ('day'), ('week'), ('month'), ('quarter'), ('year')) g(grain)
	WHERE $grain::VARCHAR IS NULL OR grain = $grain::VARCHAR
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
		sum(d.refund_amount)::DOUBLE AS refund_amount,
		sum(d.orders)::INTEGER AS orders
	FROM customer_day_channel d CROSS JOIN grains g
	WHERE d.day < $as_of::DATE
	GROUP BY ALL
)
SELECT p.*, s.region, s.acquisition_channel, s.rfm_segment, s.lifecycle_stage
FROM per p
LEFT JOIN customer_summary s USING (customer_id)
ORDER BY p.grain, p.period, p.channel
