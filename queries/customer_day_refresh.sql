-- Rebuilds customer_day_channel and customer_day from interactions (run inside the refresh transaction, statement by
-- statement): every customer when $since is NULL, else only the customers with rows of an ingest after $since (their
-- whole history, so an order that spans days or a back-dated row is counted as a full rebuild counts it). The caller
-- (metrics/refresh.ts) passes $since only when no row of ingest $since or before has changed since the last build.
-- Inputs: $since BIGINT or NULL. Output: the two tables (columns: queries/migrations/003_metrics.sql; definitions:
-- docs/METRICS.md).
-- - day = occurred_at::DATE (timestamps are business-local already).
-- - An order is a distinct (customer_id, order_id) among purchase rows; it is counted once, on the day and channel of
--   its earliest row (ties on time: the smallest channel name), so summing orders over days never counts an order
--   twice. A purchase row without order_id is an order by itself.
-- - Refund amounts count as negative whatever their sign in the input; net_revenue = purchases + refunds.

-- The customers to rebuild when $since is given, found once (every statement below reads them).
CREATE OR REPLACE TEMP TABLE refresh_customers AS
SELECT DISTINCT customer_id FROM interactions WHERE ingest_id > $since::BIGINT;

DELETE FROM customer_day_channel
WHERE $since::BIGINT IS NULL OR customer_id IN (SELECT customer_id FROM refresh_customers);

INSERT INTO customer_day_channel BY NAME
WITH changed AS (
	SELECT customer_id, occurred_at, channel, type, order_id, amount, csat
	FROM interactions
	WHERE $since::BIGINT IS NULL OR customer_id IN (SELECT customer_id FROM refresh_customers)
),
order_starts AS (
	-- one row per order, on the day and channel of its earliest row
	SELECT
		customer_id,
		min(occurred_at) AS occurred_at,
		arg_min_null(channel, {'t': occurred_at, 'c': channel}) AS channel
	FROM changed
	WHERE type = 'purchase' AND order_id IS NOT NULL
	GROUP BY customer_id, order_id
),
events AS (
	-- the interactions plus one marker row per order (kind 'order'); one aggregation counts both, no join
	SELECT customer_id, occurred_at, channel, type, order_id IS NULL AS loose, amount, csat, 'row' AS kind
	FROM changed
	UNION ALL
	SELECT customer_id, occurred_at, channel, NULL, NULL, NULL, NULL, 'order'
	FROM order_starts
)
SELECT
	customer_id,
	occurred_at::DATE AS day,
	channel,
	count(*) FILTER (WHERE kind = 'order' OR type = 'purchase' AND loose)::INTEGER AS orders,
	count(*) FILTER (WHERE type = 'purchase')::INTEGER AS purchases,
	count(*) FILTER (WHERE type = 'refund')::INTEGER AS refunds,
	coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)::DECIMAL(18, 2) AS purchase_amount,
	coalesce(-sum(abs(amount)) FILTER (WHERE type = 'refund'), 0)::DECIMAL(18, 2) AS refund_amount,
	(coalesce(sum(amount) FILTER (WHERE type = 'purchase'), 0)
		+ coalesce(-sum(abs(amount)) FILTER (WHERE type = 'refund'), 0))::DECIMAL(18, 2) AS net_revenue,
	count(*) FILTER (WHERE kind = 'row')::INTEGER AS interactions,
	count(*) FILTER (WHERE type = 'email_open')::INTEGER AS email_opens,
	count(*) FILTER (WHERE type = 'email_click')::INTEGER AS email_clicks,
	count(*) FILTER (WHERE type = 'web_visit')::INTEGER AS web_visits,
	count(*) FILTER (WHERE type = 'support_ticket')::INTEGER AS support_tickets,
	count(*) FILTER (WHERE type = 'call')::INTEGER AS calls,
	count(*) FILTER (WHERE type = 'survey')::INTEGER AS surveys,
	coalesce(sum(csat) FILTER (WHERE type = 'survey'), 0)::INTEGER AS csat_sum,
	count(csat) FILTER (WHERE type = 'survey')::INTEGER AS csat_count,
	min(occurred_at) FILTER (WHERE type = 'purchase') AS first_purchase_at,
	max(occurred_at) FILTER (WHERE type = 'purchase') AS last_purchase_at,
	min(occurred_at) FILTER (WHERE kind = 'row') AS first_interaction_at,
	max(occurred_at) FILTER (WHERE kind = 'row') AS last_interaction_at
FROM events
GROUP BY customer_id, occurred_at::DATE, channel;

DELETE FROM customer_day
WHERE $since::BIGINT IS NULL OR customer_id IN (SELECT customer_id FROM refresh_customers);

INSERT INTO customer_day BY NAME
SELECT
	customer_id, day,
	sum(orders)::INTEGER AS orders,
	sum(purchases)::INTEGER AS purchases,
	sum(refunds)::INTEGER AS refunds,
	sum(purchase_amount)::DECIMAL(18, 2) AS purchase_amount,
	sum(refund_amount)::DECIMAL(18, 2) AS refund_amount,
	sum(net_revenue)::DECIMAL(18, 2) AS net_revenue,
	sum(interactions)::INTEGER AS interactions,
	sum(email_opens)::INTEGER AS email_opens,
	sum(email_clicks)::INTEGER AS email_clicks,
	sum(web_visits)::INTEGER AS web_visits,
	sum(support_tickets)::INTEGER AS support_tickets,
	sum(calls)::INTEGER AS calls,
	sum(surveys)::INTEGER AS surveys,
	sum(csat_sum)::INTEGER AS csat_sum,
	sum(csat_count)::INTEGER AS csat_count,
	min(first_purchase_at) AS first_purchase_at,
	max(last_purchase_at) AS last_purchase_at,
	min(first_interaction_at) AS first_interaction_at,
	max(last_interaction_at) AS last_interaction_at,
	arg_min_null(channel, {'t': first_purchase_at, 'c': channel}) FILTER (WHERE first_purchase_at IS NOT NULL)
		AS first_purchase_channel
FROM customer_day_channel
WHERE $since::BIGINT IS NULL OR customer_id IN (SELECT customer_id FROM refresh_customers)
GROUP BY customer_id, day;

DROP TABLE temp.refresh_customers;
