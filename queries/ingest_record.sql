-- ingest_record: the ingests row of one file (in the same transaction as its rows).
-- Inputs: $ingest_id, $file, $content_hash, $kind, $preset, $options (JSON text), $started_at, $rows_read,
--   $rows_loaded, $rows_quarantined, $reasons (JSON text). Output: none.
INSERT INTO ingests (ingest_id, file, content_hash, kind, preset, options, started_at, finished_at, rows_read,
	rows_loaded, rows_quarantined, reasons)
VALUES ($ingest_id::BIGINT, $file, $content_hash, $kind, $preset, $options::JSON, $started_at::TIMESTAMP,
	now()::TIMESTAMP, $rows_read::BIGINT, $rows_loaded::BIGINT, $rows_quarantined::BIGINT, $reasons::JSON);
