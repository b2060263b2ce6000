-- ingest_quarantine_insert: keeps every row of ingest_checked that broke a rule, with its line, reason and raw cells.
-- source_line: as computed by the check, else from the file order (rowid + 1 + lines before the first data row).
-- Inputs: $ingest_id, $source_file, $line_offset. Output: none.
INSERT INTO quarantine (ingest_id, source_file, source_line, reason, raw)
SELECT $ingest_id::BIGINT, $source_file, coalesce(source_line, rowid + 1 + $line_offset::BIGINT), reason, raw
FROM ingest_checked
WHERE reason IS NOT NULL;
