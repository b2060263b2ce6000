-- ingest_rejects_quarantine: rows the CSV reader could not split (ragged rows, invalid UTF-8, bad quoting), kept in
-- quarantine with the reader's error. One row per rejected line (the reader may report several errors per line).
-- Inputs: $ingest_id, $source_file. Reads the temp table ingest_rejects (DuckDB's store_rejects output).
-- Output: none.
INSERT INTO quarantine (ingest_id, source_file, source_line, reason, raw)
SELECT $ingest_id::BIGINT, $source_file, line,
	'malformed row: ' || lower(arg_min(error_type, column_idx)::VARCHAR),
	to_json({'line': arg_min(csv_line, column_idx), 'error': arg_min(error_message, column_idx)})
FROM ingest_rejects
GROUP BY line;
