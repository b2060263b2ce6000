-- What a `crm demo` run wrote, by type and by channel, for its summary.
-- Inputs: $ingest_id. Output: dimension ('type' | 'channel'), value, n.
SELECT 'type' AS dimension, type AS value, count(*) AS n FROM interactions WHERE ingest_id = $ingest_id::BIGINT GROUP BY type
UNION ALL
SELECT 'channel', channel, count(*) FROM interactions WHERE ingest_id = $ingest_id::BIGINT GROUP BY channel
ORDER BY dimension, n DESC;
