-- Completes the ingests row of a `crm demo` run once the rows are written.
-- Inputs: $ingest_id, $rows (interactions written), $finished_at (ISO instant), $tz. Output: none.
UPDATE ingests
SET rows_read = $rows::BIGINT, rows_loaded = $rows::BIGINT, finished_at = timezone($tz, $finished_at::TIMESTAMPTZ)
WHERE ingest_id = $ingest_id::BIGINT;
