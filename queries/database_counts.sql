-- What the database holds, for the home page and `crm status`.
-- Inputs: none. Output: one row. orders counts orders as customer_day_refresh.sql does (a distinct
-- (customer_id, order_id) among purchase rows; a purchase row without order_id is an order by itself);
-- purchase_lines counts the purchase rows (an invoice of 20 products is 1 order, 20 lines).
SELECT
	(SELECT count(*) FROM customers) AS customers,
	(SELECT count(DISTINCT customer_id) FROM interactions) AS customers_with_interactions,
	(SELECT count(*) FROM interactions) AS interactions,
	(SELECT count(DISTINCT (customer_id, order_id)) FILTER (WHERE order_id IS NOT NULL)
		+ count(*) FILTER (WHERE order_id IS NULL) FROM interactions WHERE type = 'purchase') AS orders,
	(SELECT count(*) FROM interactions WHERE type = 'purchase') AS purchase_lines,
	(SELECT count(*) FROM quarantine) AS quarantined,
	(SELECT count(*) FROM ingests) AS files,
	(SELECT strftime(min(occurred_at), '%Y-%m-%d') FROM interactions) AS first_interaction,
	(SELECT strftime(max(occurred_at), '%Y-%m-%d') FROM interactions) AS last_interaction;
