-- Whether the database holds any data `crm demo` would overwrite.
-- Inputs: none. Output: customers, interactions, quarantined, ingests (counts).
SELECT
	(SELECT count(*) FROM customers) AS customers,
	(SELECT count(*) FROM interactions) AS interactions,
	(SELECT count(*) FROM quarantine) AS quarantined,
	(SELECT count(*) FROM ingests) AS ingests;
