-- ingest_rejected_export: the quarantined rows of one ingest as a CSV file: line, reason, then the file's own cells
-- (so the rows can be fixed and loaded again), and for rows the reader could not split, the line as it was.
-- Inputs: $ingest_id, $file (where to write; chosen by the server). Placeholder: cells (one
--   json_extract_string(raw, $cN) AS "column" per file column, the JSON pointer of each bound as $cN; built in
--   src/lib/server/ingest/rejected.ts). Output: the number of rows written (Count).
COPY (
	SELECT source_line AS line, reason{{cells}}
	FROM quarantine
	WHERE ingest_id = $ingest_id::BIGINT
	ORDER BY source_line NULLS LAST, reason
) TO $file (FORMAT csv, HEADER true);
