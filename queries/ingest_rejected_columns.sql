-- ingest_rejected_columns: what the quarantined rows of one ingest hold, to lay out their CSV download.
-- Inputs: $ingest_id. Output (one row): keys (the file's column names, in file order, from a row quarantined by a
--   rule: every such row keeps all the file's cells in raw), rows (quarantined rows), malformed (rows the CSV
--   reader could not split: their raw is the line's text and the reader's error).
SELECT
	(SELECT json_keys(raw) FROM quarantine
	 WHERE ingest_id = $ingest_id::BIGINT AND NOT starts_with(reason, 'malformed row:') AND json_type(raw) = 'OBJECT'
	 LIMIT 1) AS keys,
	count(*) AS rows,
	count(*) FILTER (WHERE starts_with(reason, 'malformed row:')) AS malformed
FROM quarantine
WHERE ingest_id = $ingest_id::BIGINT;
