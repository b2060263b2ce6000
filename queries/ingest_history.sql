-- ingest_history: the files ingested into this database, newest first (the Data page's list of past ingests).
-- Inputs: $limit (how many). Output: ingest_id, name (the file's name as it was given, without the folder), kind,
--   preset, started_at and finished_at ('YYYY-MM-DD HH:MM:SS' as recorded), rows_read, rows_loaded,
--   rows_quarantined, reasons (JSON text: reason -> rows).
SELECT
	ingest_id,
	coalesce(options->>'name', regexp_extract(file, '[^/\\]+$')) AS name,
	kind,
	preset,
	strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at,
	strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
	rows_read,
	rows_loaded,
	rows_quarantined,
	reasons::VARCHAR AS reasons
FROM ingests
ORDER BY ingest_id DESC
LIMIT $limit::BIGINT;
