-- ingest_interactions_duplicates: the rules that compare rows with each other, run on ingest_checked after the
-- per-row checks (so a row keeps an earlier reason): `duplicate id` (the file's interaction id seen earlier in the
-- file, or already in interactions; the first row loads) and, with --dedupe exact, `duplicate row` (identical,
-- cell for cell, to an earlier row). "Earlier" is file order: ingest_checked is in file order, so rowid orders it.
-- Only run when the file has an id column or --dedupe exact (ingest_checked.raw then holds every row's cells).
-- Inputs: none. Placeholders (fixed SQL from src/lib/server/ingest/interactions.ts): duplicate_id, duplicate_row.
-- Output: none (updates reason).
UPDATE ingest_checked SET reason = d.reason
FROM (
	SELECT rowid AS r, CASE
		WHEN {{duplicate_id}} THEN 'duplicate id'
		WHEN {{duplicate_row}} THEN 'duplicate row'
	END AS reason
	FROM ingest_checked
) d
WHERE ingest_checked.rowid = d.r AND ingest_checked.reason IS NULL AND d.reason IS NOT NULL;
