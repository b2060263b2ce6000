-- What the database holds, for the home page and `crm status`.
-- Inputs: none. Output: one row.
SELECT
	(SELECT count(*) FROM customers) AS customers,
	(SELECT count(DISTINCT customer_id) FROM interactions) AS customers_with_interactions,
	(SELECT count(*) FROM interactions) AS interactions,
	(SELECT count(*) FROM interactions WHERE type = 'purchase') AS purchases,
	(SELECT count(*) FROM quarantine) AS quarantined,
	(SELECT count(*) FROM ingests) AS files,
	(SELECT strftime(min(occurred_at), '%Y-%m-%d') FROM interactions) AS first_interaction,
	(SELECT strftime(max(occurred_at), '%Y-%m-%d') FROM interactions) AS last_interaction;
