-- Distributions of five per-customer measures, binned on the server (the segments page's histograms).
-- Reads the relation customer_summary (materialised or on the fly, see src/lib/server/metrics/summary.ts) joined with
-- the BG/NBD predictions of the latest model refresh (view current_predictions).
-- Population: the filtered customers with a purchase; clv and p_alive only those with a prediction.
-- Inputs (NULL = not filtered): $region, $country, $acquisition_channel, $segment, $lifecycle.
-- Bins (at most 20 per measure, empty bins included; every bin is [x0, x1) except the last, which is [x0, x1] and
-- also holds the values above x1):
--   recency (recency_days) and frequency (orders) are whole numbers: bins of a whole width starting at the minimum;
--   monetary (net_revenue), clv (predicted_clv): equal width from the minimum to the 99th percentile (cap), because
--     of their heavy tails; frequency is capped at its 99th percentile too;
--   p_alive: 20 bins of 0.05 on [0, 1].
--   So the last bin of a measure holds every value >= its x0; `overflow` says how many of its customers lie
--   above x1 (the tail above the cap; 0 on every other bin).
-- Output: measure ('recency' | 'frequency' | 'monetary' | 'clv' | 'p_alive'), bin (0-based), x0, x1 (DOUBLE),
--   count, overflow; ordered by measure as listed, then bin.
WITH prediction AS (
	SELECT customer_id, predicted_clv, p_alive FROM current_predictions
),
base AS (
	SELECT s.recency_days, s.orders, s.net_revenue, p.predicted_clv, p.p_alive
	FROM customer_summary s
	LEFT JOIN prediction p ON p.customer_id = s.customer_id
	WHERE s.orders > 0
		AND ($region::VARCHAR IS NULL OR s.region = $region::VARCHAR)
		AND ($country::VARCHAR IS NULL OR s.country = $country::VARCHAR)
		AND ($acquisition_channel::VARCHAR IS NULL OR s.acquisition_channel = $acquisition_channel::VARCHAR)
		AND ($segment::VARCHAR IS NULL OR s.rfm_segment = $segment::VARCHAR)
		AND ($lifecycle::VARCHAR IS NULL OR s.lifecycle_stage = $lifecycle::VARCHAR)
),
vals AS (
	SELECT m.measure, m.pos, m.v::DOUBLE AS v
	FROM base,
		LATERAL (VALUES
			('recency', 1, recency_days::DOUBLE),
			('frequency', 2, orders::DOUBLE),
			('monetary', 3, net_revenue::DOUBLE),
			('clv', 4, predicted_clv::DOUBLE),
			('p_alive', 5, p_alive::DOUBLE)
		) m(measure, pos, v)
	WHERE m.v IS NOT NULL AND isfinite(m.v::DOUBLE)
),
stats AS (
	SELECT measure, pos, min(v) AS lo_raw, max(v) AS hi_raw,
		quantile_disc(v, 0.99) AS p99_disc, quantile_cont(v, 0.99) AS p99_cont
	FROM vals
	GROUP BY measure, pos
),
ranged AS (
	SELECT measure, pos,
		measure IN ('recency', 'frequency') AS whole,
		CASE WHEN measure = 'p_alive' THEN 0.0 ELSE lo_raw END AS lo,
		CASE measure
			WHEN 'p_alive' THEN 1.0
			WHEN 'recency' THEN hi_raw
			WHEN 'frequency' THEN p99_disc
			ELSE p99_cont
		END AS hi
	FROM stats
),
edges AS (
	-- width w and bin count nb; whole-number measures: w = ceil(span / 20) with span = hi - lo + 1
	SELECT measure, pos, lo,
		CASE
			WHEN whole THEN greatest(1, ceil((hi - lo + 1) / 20))
			WHEN hi > lo THEN (hi - lo) / 20
			ELSE 1.0
		END::DOUBLE AS w,
		CASE
			WHEN whole THEN ceil((hi - lo + 1) / greatest(1, ceil((hi - lo + 1) / 20)))
			WHEN hi > lo THEN 20
			ELSE 1
		END::INTEGER AS nb
	FROM ranged
),
bins AS (
	SELECT e.measure, e.pos, e.nb, b.i AS bin, e.lo + b.i * e.w AS x0, e.lo + (b.i + 1) * e.w AS x1
	FROM edges e, LATERAL (SELECT range AS i FROM range(e.nb)) b
),
placed AS (
	-- the bin index from arithmetic, corrected by one against the edges themselves (exact at the boundaries)
	SELECT v.measure, v.v, e.nb,
		least(e.nb - 1, greatest(0, floor((v.v - e.lo) / e.w)))::INTEGER AS i0, e.lo, e.w
	FROM vals v JOIN edges e USING (measure)
),
assigned AS (
	SELECT measure, v, nb,
		CASE
			WHEN i0 > 0 AND v < lo + i0 * w THEN i0 - 1
			WHEN i0 < nb - 1 AND v >= lo + (i0 + 1) * w THEN i0 + 1
			ELSE i0
		END AS bin
	FROM placed
),
counted AS (
	SELECT a.measure, a.bin, count(*) AS n, count(*) FILTER (WHERE a.bin = a.nb - 1 AND a.v > b.x1) AS overflow
	FROM assigned a JOIN bins b ON b.measure = a.measure AND b.bin = a.bin
	GROUP BY a.measure, a.bin
)
SELECT b.measure, b.bin::INTEGER AS bin, b.x0::DOUBLE AS x0, b.x1::DOUBLE AS x1,
	coalesce(c.n, 0)::BIGINT AS "count", coalesce(c.overflow, 0)::BIGINT AS overflow
FROM bins b
LEFT JOIN counted c ON c.measure = b.measure AND c.bin = b.bin
ORDER BY b.pos, b.bin
