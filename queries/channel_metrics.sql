-- Interactions, customers and revenue by period, channel and interaction type, from channel_rollup (measures defined
-- in queries/channel_rollup_build.sql). Type 'all' is every interaction on the channel (customers: with any
-- interaction there; revenue: net). Revenue of type 'purchase' is the purchase amount, of 'refund' the refund amount
-- (<= 0), of other types NULL.
-- Inputs: $grain, $as_of DATE (exclusive; unused beyond the table build, kept for the completeness flag), $from / $to
--   (periods overlapping the range), $channel (that channel only), $dim / $dim_value: the rollup rows of the customer
--   filter ('all' / NULL without one; rollups.ts picks them from region, country, acquisition_channel, segment,
--   lifecycle).
-- Output: period, complete, channel, type, interactions, customers, revenue.
WITH step AS (
	SELECT CASE $grain::VARCHAR
		WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
		WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS step
),
agg AS (
	SELECT period, channel,
		sum(n_all) AS n_all,
		sum(c_all)::BIGINT AS c_all,
		sum(r_all) AS r_all,
		sum(n_purchase) AS n_purchase,
		sum(c_purchase)::BIGINT AS c_purchase,
		sum(r_purchase) AS r_purchase,
		sum(n_refund) AS n_refund,
		sum(c_refund)::BIGINT AS c_refund,
		sum(r_refund) AS r_refund,
		sum(n_open) AS n_open,
		sum(c_open)::BIGINT AS c_open,
		sum(n_click) AS n_click,
		sum(c_click)::BIGINT AS c_click,
		sum(n_visit) AS n_visit,
		sum(c_visit)::BIGINT AS c_visit,
		sum(n_ticket) AS n_ticket,
		sum(c_ticket)::BIGINT AS c_ticket,
		sum(n_call) AS n_call,
		sum(c_call)::BIGINT AS c_call,
		sum(n_survey) AS n_survey,
		sum(c_survey)::BIGINT AS c_survey,
		sum(n_other) AS n_other,
		sum(c_other)::BIGINT AS c_other
	FROM channel_rollup, step
	WHERE grain = $grain::VARCHAR AND dim = $dim::VARCHAR AND dim_value IS NOT DISTINCT FROM $dim_value::VARCHAR
		AND ($from::DATE IS NULL OR period + step > $from::DATE)
		AND ($to::DATE IS NULL OR period <= $to::DATE)
		AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
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
