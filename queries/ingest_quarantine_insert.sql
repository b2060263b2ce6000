-- ingest_quarantine_insert: keeps every row of ingest_checked that broke a rule, with its line, reason and raw cells.
-- Inputs: $ingest_id, $source_file. Output: none.
INSERT INTO quarantine (ingest_id, source_file, source_line, reason, raw)
SELECT $ingest_id::BIGINT, $source_file, source_line, reason, raw
FROM ingest_checked
WHERE reason IS NOT NULL;
