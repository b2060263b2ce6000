-- ingest_refresh_wanted: whether the last ingest asked for the refresh after it (not loaded with --no-refresh; crm
-- demo's ingests always do). With the registry not up to date, that refresh did not finish: a kill or a failure.
-- Inputs: none. Output: wanted (BOOLEAN); no row when nothing was ever ingested.
SELECT coalesce(json_extract_string(options, '$.refresh'), 'true') <> 'false' AS wanted
FROM ingests
ORDER BY ingest_id DESC
LIMIT 1;
