-- Interactions, customers and revenue by period, channel and interaction type, from channel_period. Type 'all' is
-- every interaction on the channel (customers: with any interaction there; revenue: net). Revenue of type 'purchase'
-- is the purchase amount, of 'refund' the refund amount (<= 0), of other types NULL.
-- Inputs: $grain, $as_of DATE (exclusive; unused beyond the table build, kept for the completeness flag), $from / $to
--   (periods overlapping the range), $channel (that channel only), $region, $acquisition_channel, $segment,
--   $lifecycle.
-- Output: period, complete, channel, type, interactions, customers, revenue.
WITH step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
agg AS (
	SELECT period, channel,
		sum(interactions) AS n_all, count(*) AS c_all, sum(revenue) AS r_all,
		sum(purchases) AS n_purchase, count_if(purchases > 0) AS c_purchase, sum(purchase_amount) AS r_purchase,
		sum(refunds) AS n_refund, count_if(refunds > 0) AS c_refund, sum(refund_amount) AS r_refund,
		sum(email_opens) AS n_open, count_if(email_opens > 0) AS c_open,
		sum(email_clicks) AS n_click, count_if(email_clicks > 0) AS c_click,
		sum(web_visits) AS n_visit, count_if(web_visits > 0) AS c_visit,
		sum(support_tickets) AS n_ticket, count_if(support_tickets > 0) AS c_ticket,
		sum(calls) AS n_call, count_if(calls > 0) AS c_call,
		sum(surveys) AS n_survey, count_if(surveys > 0) AS c_survey,
		sum(others) AS n_other, count_if(others > 0) AS c_other
	FROM channel_period, step
	WHERE grain = $grain::VARCHAR
		AND ($from::DATE IS NULL OR period + step > $from::DATE)
		AND ($to::DATE IS NULL OR period <= $to::DATE)
		AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
		AND ($region::VARCHAR IS NULL OR region = $region::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR lifecycle_stage = $lifecycle::VARCHAR)
	GROUP BY period, channel
),
long AS (
	SELECT period, channel, unnest([
		{'type': 'all', 'interactions': n_all, 'customers': c_all, 'revenue': r_all},
		{'type': 'purchase', 'interactions': n_purchase, 'customers': c_purchase, 'revenue': r_purchase},
		{'type': 'refund', 'interactions': n_refund, 'customers': c_refund, 'revenue': r_refund},
		{'type': 'email_open', 'interactions': n_open, 'customers': c_open, 'revenue': NULL},
		{'type': 'email_click', 'interactions': n_click, 'customers': c_click, 'revenue': NULL},
		{'type': 'web_visit', 'interactions': n_visit, 'customers': c_visit, 'revenue': NULL},
		{'type': 'support_ticket', 'interactions': n_ticket, 'customers': c_ticket, 'revenue': NULL},
		{'type': 'call', 'interactions': n_call, 'customers': c_call, 'revenue': NULL},
		{'type': 'survey', 'interactions': n_survey, 'customers': c_survey, 'revenue': NULL},
		{'type': 'other', 'interactions': n_other, 'customers': c_other, 'revenue': NULL}
	]) AS t
	FROM agg
)
SELECT strftime(period, '%Y-%m-%d') AS period, (period + step)::DATE <= $as_of::DATE AS complete, channel,
	t.type AS type, t.interactions::BIGINT AS interactions, t.customers::BIGINT AS customers, t.revenue AS revenue
FROM long, step
WHERE t.interactions > 0
ORDER BY period, channel, type
