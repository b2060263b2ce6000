-- Support tickets and survey answers (the rows CSAT and ticket metrics read), one row each, before the as-of date.
-- Inputs: $as_of DATE (exclusive).
-- Output: customer_id, day DATE, channel ('unknown' when missing), type ('support_ticket'|'survey'), csat (1..5 or
--   NULL), resolution_hours DOUBLE (NULL while open, or when resolved_at is before occurred_at), open (a ticket not
--   resolved before the as-of date), region, country, acquisition_channel, rfm_segment,
--   lifecycle_stage.
SELECT i.customer_id, i.occurred_at::DATE AS day, coalesce(i.channel, 'unknown') AS channel, i.type,
	CASE WHEN i.csat BETWEEN 1 AND 5 THEN i.csat END AS csat,
	CASE WHEN i.type = 'support_ticket' AND i.resolved_at < $as_of::DATE AND i.resolved_at >= i.occurred_at
		THEN epoch(i.resolved_at - i.occurred_at) / 3600.0 END AS resolution_hours,
	i.type = 'support_ticket' AND (i.resolved_at IS NULL OR i.resolved_at >= $as_of::DATE) AS open,
	s.region, s.country, s.acquisition_channel, s.rfm_segment, s.lifecycle_stage
FROM interactions i
LEFT JOIN customer_summary s USING (customer_id)
WHERE i.occurred_at < $as_of::DATE AND i.type IN ('support_ticket', 'survey')
ORDER BY day
