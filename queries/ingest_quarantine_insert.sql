-- ingest_quarantine_insert: keeps every row of ingest_checked that broke a rule, with its line, reason and raw cells.
-- Inputs: $ingest_id, $source_file, $line_offset. Placeholder: line (sourceLineSql in
-- src/lib/server/ingest/interactions.ts: the source_line column when ingest_checked has one, else from the file
-- order, rowid + 1 + lines before the first data row). Output: none.
INSERT INTO quarantine (ingest_id, source_file, source_line, reason, raw)
SELECT $ingest_id::BIGINT, $source_file, {{line}}, reason, raw
FROM ingest_checked
WHERE reason IS NOT NULL;
