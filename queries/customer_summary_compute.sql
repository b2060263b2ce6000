-- The customer summary computed from customer_day (one row per customer): what refresh materialises as the table
-- customer_summary for the default as-of date, and what every metric reads instead when asked about another as-of
-- date, a date range or a channel. Definitions: docs/METRICS.md.
-- Inputs:
--   $as_of DATE (required)  nothing on or after this day is used; recency and tenure are measured to it
--   $from, $to DATE         optional look-back window: only days from..to (inclusive) count
--   $channel                only interactions of this channel count (read from customer_day_channel)
--   $inactivity_days        the churn window in days (setting 'inactivity_days', default 90)
--   $rfm_method             'quintile' (default) or 'fixed'
--   $r_cut1..4, $f_cut1..4, $m_cut1..4   cut points for 'fixed': R = 5 - #(recency_days > r_cut_i);
--                           F = 1 + #(orders >= f_cut_i); M = 1 + #(net_revenue >= m_cut_i)
-- Output: the columns of table customer_summary (queries/migrations/003_metrics.sql), same names and types.
WITH days AS (
	SELECT customer_id, day, orders, purchases, purchase_amount, refund_amount, net_revenue, interactions,
		first_purchase_at, last_purchase_at, first_interaction_at, last_interaction_at, first_purchase_channel
	FROM customer_day
	WHERE $channel::VARCHAR IS NULL
		AND day < $as_of::DATE
		AND ($from::DATE IS NULL OR day >= $from::DATE)
		AND ($to::DATE IS NULL OR day <= $to::DATE)
	UNION ALL
	SELECT customer_id, day, orders, purchases, purchase_amount, refund_amount, net_revenue, interactions,
		first_purchase_at, last_purchase_at, first_interaction_at, last_interaction_at,
		CASE WHEN purchases > 0 THEN channel END AS first_purchase_channel
	FROM customer_day_channel
	WHERE channel = $channel::VARCHAR
		AND day < $as_of::DATE
		AND ($from::DATE IS NULL OR day >= $from::DATE)
		AND ($to::DATE IS NULL OR day <= $to::DATE)
),
per_customer AS (
	SELECT
		customer_id,
		min(first_purchase_at) AS first_purchase_at,
		max(last_purchase_at) AS last_purchase_at,
		sum(orders) AS orders,
		count(*) FILTER (WHERE purchases > 0) AS purchase_days,
		sum(net_revenue) AS net_revenue,
		sum(purchase_amount) AS purchase_amount,
		sum(refund_amount) AS refund_amount,
		-- purchases of the first purchase day (the model summary leaves that day out of the mean spend m)
		arg_min(purchase_amount, day) FILTER (WHERE purchases > 0) AS first_purchase_day_amount,
		-- the two latest purchase days, newest first: [last, previous]
		max(day, 2) FILTER (WHERE purchases > 0) AS last_two_days,
		min(first_interaction_at) AS first_interaction_at,
		max(last_interaction_at) AS last_interaction_at,
		sum(interactions) AS interactions,
		arg_min_null(first_purchase_channel, first_purchase_at) FILTER (WHERE first_purchase_at IS NOT NULL)
			AS first_order_channel
	FROM days
	GROUP BY customer_id
),
channel_sets AS (
	-- distinct (customer, channel) pairs first: far cheaper than merging per-day lists
	SELECT customer_id, list_sort(list(channel)) AS channels_used
	FROM (
		SELECT DISTINCT customer_id, channel
		FROM customer_day_channel
		WHERE channel IS NOT NULL
			AND ($channel::VARCHAR IS NULL OR channel = $channel::VARCHAR)
			AND day < $as_of::DATE
			AND ($from::DATE IS NULL OR day >= $from::DATE)
			AND ($to::DATE IS NULL OR day <= $to::DATE)
	)
	GROUP BY customer_id
),
measured AS (
	SELECT
		coalesce(p.customer_id, c.customer_id) AS customer_id,
		p.first_purchase_at, p.last_purchase_at,
		coalesce(p.orders, 0)::INTEGER AS orders,
		coalesce(p.purchase_days, 0)::INTEGER AS purchase_days,
		coalesce(p.net_revenue, 0)::DECIMAL(18, 2) AS net_revenue,
		coalesce(p.purchase_amount, 0)::DECIMAL(18, 2) AS purchase_amount,
		coalesce(p.refund_amount, 0)::DECIMAL(18, 2) AS refund_amount,
		p.first_purchase_day_amount::DECIMAL(18, 2) AS first_purchase_day_amount,
		CASE WHEN p.orders > 0 THEN p.net_revenue::DOUBLE / p.orders END AS avg_order_value,
		CASE WHEN p.purchase_days > 1
			THEN (p.last_purchase_at::DATE - p.first_purchase_at::DATE)::DOUBLE / (p.purchase_days - 1)
		END AS mean_days_between_orders,
		($as_of::DATE - p.last_purchase_at::DATE)::INTEGER AS recency_days,
		($as_of::DATE - p.first_purchase_at::DATE)::INTEGER AS tenure_days,
		p.last_two_days[2] AS previous_purchase_day,
		p.first_interaction_at, p.last_interaction_at,
		coalesce(p.interactions, 0)::INTEGER AS interactions,
		coalesce(cs.channels_used, []::VARCHAR[]) AS channels_used,
		c.region, c.country, c.gender, c.birth_year, c.acquisition_channel,
		p.first_order_channel,
		c.consent_email, c.consent_sms,
		coalesce(p.orders, 0) > 0 AS has_purchase
	FROM per_customer p
	FULL JOIN customers c ON c.customer_id = p.customer_id
	LEFT JOIN channel_sets cs ON cs.customer_id = p.customer_id
),
ranked AS (
	-- Quintile rule: score = 1 + floor(5 * share of purchasing customers with a strictly worse value). Equal
	-- values share a rank, hence a score; the worst value always scores 1 (docs/METRICS.md).
	SELECT
		*,
		count(*) OVER (PARTITION BY has_purchase) AS n,
		rank() OVER (PARTITION BY has_purchase ORDER BY recency_days DESC) - 1 AS r_worse,
		rank() OVER (PARTITION BY has_purchase ORDER BY orders) - 1 AS f_worse,
		rank() OVER (PARTITION BY has_purchase ORDER BY net_revenue) - 1 AS m_worse
	FROM measured
),
scored AS (
	SELECT
		*,
		CASE WHEN NOT has_purchase THEN NULL
			WHEN $rfm_method::VARCHAR = 'fixed' THEN 5
				- (recency_days > $r_cut1::DOUBLE)::INTEGER - (recency_days > $r_cut2::DOUBLE)::INTEGER
				- (recency_days > $r_cut3::DOUBLE)::INTEGER - (recency_days > $r_cut4::DOUBLE)::INTEGER
			ELSE 1 + floor(5 * r_worse / n)
		END::TINYINT AS r_score,
		CASE WHEN NOT has_purchase THEN NULL
			WHEN $rfm_method::VARCHAR = 'fixed' THEN 1
				+ (orders >= $f_cut1::DOUBLE)::INTEGER + (orders >= $f_cut2::DOUBLE)::INTEGER
				+ (orders >= $f_cut3::DOUBLE)::INTEGER + (orders >= $f_cut4::DOUBLE)::INTEGER
			ELSE 1 + floor(5 * f_worse / n)
		END::TINYINT AS f_score,
		CASE WHEN NOT has_purchase THEN NULL
			WHEN $rfm_method::VARCHAR = 'fixed' THEN 1
				+ (net_revenue >= $m_cut1::DOUBLE)::INTEGER + (net_revenue >= $m_cut2::DOUBLE)::INTEGER
				+ (net_revenue >= $m_cut3::DOUBLE)::INTEGER + (net_revenue >= $m_cut4::DOUBLE)::INTEGER
			ELSE 1 + floor(5 * m_worse / n)
		END::TINYINT AS m_score
	FROM ranked
),
segment_cells AS (
	-- the 125 (R, F, M) cells, each with the first segment (by priority) whose ranges hold it
	SELECT r.r, f.f, m.m, arg_min(s.key, s.priority) AS segment
	FROM range(1, 6) r(r), range(1, 6) f(f), range(1, 6) m(m), rfm_segments s
	WHERE r.r BETWEEN s.r_min AND s.r_max AND f.f BETWEEN s.f_min AND s.f_max AND m.m BETWEEN s.m_min AND s.m_max
	GROUP BY r.r, f.f, m.m
)
SELECT
	s.customer_id, s.first_purchase_at, s.last_purchase_at, s.orders, s.purchase_days, s.net_revenue,
	s.purchase_amount, s.refund_amount, s.first_purchase_day_amount, s.avg_order_value, s.mean_days_between_orders, s.recency_days,
	s.tenure_days, s.previous_purchase_day, s.first_interaction_at, s.last_interaction_at, s.interactions,
	s.channels_used, s.region, s.country, s.gender, s.birth_year, s.acquisition_channel, s.first_order_channel,
	s.consent_email, s.consent_sms, s.r_score, s.f_score, s.m_score,
	CASE WHEN s.has_purchase THEN coalesce(g.segment, 'others') END AS rfm_segment,
	CASE
		WHEN NOT s.has_purchase THEN NULL
		WHEN s.recency_days > $inactivity_days::INTEGER THEN 'churned'
		WHEN s.tenure_days <= $inactivity_days::INTEGER THEN 'new'
		WHEN s.recency_days > 2 * s.mean_days_between_orders THEN 'at_risk'
		WHEN s.last_purchase_at::DATE - s.previous_purchase_day > $inactivity_days::INTEGER THEN 'reactivated'
		ELSE 'active'
	END AS lifecycle_stage
FROM scored s
LEFT JOIN segment_cells g ON g.r = s.r_score AND g.f = s.f_score AND g.m = s.m_score
