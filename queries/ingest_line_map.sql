-- ingest_line_map: when the reader rejected some lines, the n-th loaded row is the n-th line that was not rejected.
-- Sets ingest_checked.source_line (row n is rowid + 1: the table is in the reader's order) to the real line number.
-- Inputs: $line_offset (lines before the first data row), $total (rows in ingest_checked + rejected lines).
-- Output: none.
UPDATE ingest_checked SET source_line = m.line
FROM (
	SELECT row_number() OVER (ORDER BY l) AS n, l AS line
	FROM range($line_offset::BIGINT + 1, $line_offset::BIGINT + $total::BIGINT + 1) t(l)
	WHERE l NOT IN (SELECT line FROM ingest_rejects)
) m
WHERE ingest_checked.rowid + 1 = m.n;
