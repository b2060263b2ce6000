-- campaigns/results_daily: cumulative conversion by day of the response window, per group: on day d (0 = send
-- date) the share of the group's members whose first purchase in the window came on day 0 .. d.
-- Inputs: $campaign_id, $days (days of the window observed so far); the responses mark (responses.sql).
-- Output columns: treated, day, converters (cumulative), customers, rate.
WITH resp AS ({{responses}}),
sizes AS (SELECT treated, count(*) AS customers FROM resp GROUP BY treated),
firsts AS (SELECT treated, first_day AS day, count(*) AS n FROM resp WHERE first_day IS NOT NULL GROUP BY ALL),
grid AS (SELECT s.treated, d.day, s.customers FROM sizes s, range($days::BIGINT) d(day))
SELECT g.treated, g.day::INTEGER AS day,
	(sum(coalesce(f.n, 0)) OVER (PARTITION BY g.treated ORDER BY g.day))::INTEGER AS converters,
	g.customers::INTEGER AS customers,
	(sum(coalesce(f.n, 0)) OVER (PARTITION BY g.treated ORDER BY g.day)) / g.customers AS rate
FROM grid g LEFT JOIN firsts f ON f.treated = g.treated AND f.day = g.day
ORDER BY g.treated DESC, g.day
