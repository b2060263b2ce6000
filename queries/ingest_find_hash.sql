-- ingest_find_hash: an earlier ingest of the same content (sha256) and kind, if any.
-- Inputs: $content_hash, $kind. Output: ingest_id, file, preset, rows_read, rows_loaded, rows_quarantined, reasons.
SELECT ingest_id, file, preset, rows_read, rows_loaded, rows_quarantined, reasons::VARCHAR AS reasons
FROM ingests
WHERE content_hash = $content_hash AND kind = $kind
ORDER BY ingest_id
LIMIT 1;
