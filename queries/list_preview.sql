-- List preview: how many customers a rule matches and what they are worth, against the whole base.
-- Inputs: the rule mark below is replaced by the compiled rule (src/lib/server/lists/compile.ts): a boolean expression over
-- customer_features f built from whitelisted fields, its values bound as $r0, $r1, ...
-- Output columns: members, base, revenue, revenue_total, predicted_clv_total, mean_predicted_clv, mean_p_alive,
-- with_email_consent, with_sms_consent, as_of ('YYYY-MM-DD').
SELECT
	count(*) FILTER (WHERE m)::BIGINT AS members,
	count(*)::BIGINT AS base,
	coalesce(sum(net_revenue) FILTER (WHERE m), 0)::DOUBLE AS revenue,
	coalesce(sum(net_revenue), 0)::DOUBLE AS revenue_total,
	coalesce(sum(predicted_clv) FILTER (WHERE m), 0)::DOUBLE AS predicted_clv_total,
	avg(predicted_clv) FILTER (WHERE m)::DOUBLE AS mean_predicted_clv,
	avg(p_alive) FILTER (WHERE m)::DOUBLE AS mean_p_alive,
	count(*) FILTER (WHERE m AND consent_email IS TRUE)::BIGINT AS with_email_consent,
	count(*) FILTER (WHERE m AND consent_sms IS TRUE)::BIGINT AS with_sms_consent,
	strftime(max(as_of), '%Y-%m-%d') AS as_of
FROM (
	SELECT f.net_revenue, f.predicted_clv, f.p_alive, f.consent_email, f.consent_sms, f.as_of, {{rule}} AS m
	FROM customer_features f
)
