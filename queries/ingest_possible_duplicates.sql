-- ingest_possible_duplicates: groups of customers that share an e-mail or a phone under different ids, where at
-- least one id came from the file just checked (ingest_checked). Reported to the user, never merged.
-- Inputs: none. Output: by ('email' | 'phone'), customer_ids (VARCHAR[]), groups (total number of groups).
WITH keyed AS (
	SELECT 'email' AS matched_by, email AS k, customer_id FROM customers WHERE email IS NOT NULL
	UNION ALL
	SELECT 'phone', phone, customer_id FROM customers WHERE phone IS NOT NULL
),
grouped AS (
	SELECT matched_by, list(customer_id ORDER BY customer_id) AS customer_ids
	FROM keyed
	GROUP BY matched_by, k
	HAVING count(*) > 1
		AND bool_or(customer_id IN (SELECT customer_id FROM ingest_checked WHERE reason IS NULL))
)
SELECT matched_by AS "by", customer_ids, count(*) OVER () AS "groups"
FROM grouped
ORDER BY matched_by, customer_ids[1]
LIMIT 100;
