-- Alert "a segment grew or shrank": each RFM segment's customers now (segment_customer) against the last evaluation
-- (alert_segment_snapshot), where the relative change is beyond $share (e.g. 0.2 = 20%).
-- Inputs: $share DOUBLE. Output: segment, before, now, change_rel.
WITH now AS (SELECT rfm_segment AS segment, count(*) AS customers FROM segment_customer GROUP BY rfm_segment)
SELECT n.segment, s.customers AS before, n.customers AS now, (n.customers - s.customers) / s.customers AS change_rel
FROM now n JOIN alert_segment_snapshot s USING (segment)
WHERE s.customers > 0 AND abs(n.customers - s.customers) / s.customers > $share::DOUBLE
ORDER BY abs(n.customers - s.customers) / s.customers DESC
