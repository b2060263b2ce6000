-- Records one `crm demo` run in ingests, so that `crm status` lists it like a loaded file.
-- Inputs: $file, $content_hash, $options (JSON text), $started_at, $finished_at (ISO instants, shown in $tz),
--   $tz, $rows (interactions written).
-- Output: ingest_id.
INSERT INTO ingests (file, content_hash, kind, preset, options, started_at, finished_at, rows_read, rows_loaded,
	rows_quarantined, reasons)
VALUES (
	$file, $content_hash, 'interactions', 'demo', $options::JSON,
	timezone($tz, $started_at::TIMESTAMPTZ), timezone($tz, $finished_at::TIMESTAMPTZ),
	$rows::BIGINT, $rows::BIGINT, 0, '{}'::JSON
)
RETURNING ingest_id;
