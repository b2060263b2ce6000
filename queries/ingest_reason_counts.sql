-- ingest_reason_counts: how many rows of ingest_checked are loadable (reason NULL) and how many break each rule.
-- Inputs: none. Output: reason (NULL = loaded), n.
SELECT reason, count(*) AS n FROM ingest_checked GROUP BY reason;
