import { markCurrent } from '../helpers/derived';
import { listValue } from '@duckdb/node-api';
import type { Database } from '../../src/lib/server/db';
import { refreshCustomerFeatures } from '../../src/lib/server/lists/features';

/** Regions include hostile text: they are data, and rules must match them exactly. */
export const REGIONS = ['Hà Nội', 'Hồ Chí Minh', 'Đà Nẵng', "O'Brien; DROP TABLE canary; --", 'a"b/*c*/'];
export const SEGMENTS = ['champions', 'loyal_customers', 'at_risk', 'lost', 'new_customers'];
export const CHANNELS = ['web', 'store', 'email', 'zalo', 'phone'];

/**
 * A small, varied customer base written straight into the metric and model tables (their real schema): every
 * field takes several values and NULLs, so that each operator has members and non-members. Deterministic
 * (hash-based), `n` customers, one BG/NBD run plus an older run that must be ignored.
 */
export async function seedCustomers(db: Database, n = 400): Promise<void> {
	const r = (salt: string, mod: number) => `(hash(i, '${salt}') % ${mod})::INTEGER`;
	const script = `
		CREATE TEMP TABLE seed AS
		SELECT i, 'c' || lpad(i::VARCHAR, 5, '0') AS id FROM range($n::INTEGER) t(i);

		INSERT INTO customers (customer_id, name, email, phone, region, country, gender, birth_year, signup_at,
			acquisition_channel, consent_email, consent_sms)
		SELECT id, 'Name ' || i, 'c' || i || '@example.com', '+8491' || lpad(i::VARCHAR, 7, '0'),
			CASE WHEN ${r('reg', 6)} < 5 THEN ($regions::VARCHAR[])[${r('reg', 6)} + 1] END,
			CASE ${r('cty', 4)} WHEN 0 THEN NULL WHEN 1 THEN 'TH' ELSE 'VN' END,
			(['female', 'male', 'other', NULL])[${r('gen', 4)} + 1],
			CASE WHEN ${r('by', 7)} = 0 THEN NULL ELSE 1940 + ${r('byv', 70)} END,
			CASE WHEN ${r('su', 5)} = 0 THEN NULL ELSE TIMESTAMP '2022-01-01 08:30:00' + INTERVAL (${r('suv', 900)}) DAY END,
			(['web', 'store', 'referral', NULL])[${r('acq', 4)} + 1],
			([true, false, NULL])[${r('ce', 3)} + 1],
			([true, false, NULL])[${r('cs', 3)} + 1]
		FROM seed;

		INSERT INTO customer_summary BY NAME
		SELECT s.id AS customer_id,
			CASE WHEN o > 0 THEN TIMESTAMP '2022-03-01 10:00:00' + INTERVAL (${r('fp', 500)}) DAY END AS first_purchase_at,
			CASE WHEN o > 0 THEN DATE '2024-07-01' - 1 - ${r('rec', 700)} END::TIMESTAMP AS last_purchase_at,
			o AS orders, o AS purchase_days,
			CASE WHEN o > 0 THEN (${r('rev', 5000000)} / 100.0 - 500) ELSE 0 END::DECIMAL(18, 2) AS net_revenue,
			0::DECIMAL(18, 2) AS purchase_amount, 0::DECIMAL(18, 2) AS refund_amount,
			CASE WHEN o > 0 THEN ${r('aov', 100000)} / 7.0 END AS avg_order_value,
			CASE WHEN o > 0 THEN ${r('rec', 700)} END AS recency_days,
			CASE WHEN o > 0 THEN ${r('ten', 900)} END AS tenure_days,
			CASE WHEN ${r('li', 9)} = 0 THEN NULL ELSE TIMESTAMP '2024-06-30 12:00:00' - INTERVAL (${r('liv', 400)}) DAY END
				AS last_interaction_at,
			${r('ints', 50)} AS interactions,
			list_filter($channels::VARCHAR[], (x, j) -> (hash(i, x) % 3) = 0) AS channels_used,
			c.region, c.country, c.gender, c.birth_year, c.acquisition_channel, c.consent_email, c.consent_sms,
			CASE WHEN o > 0 THEN 1 + ${r('r', 5)} END AS r_score,
			CASE WHEN o > 0 THEN 1 + ${r('f', 5)} END AS f_score,
			CASE WHEN o > 0 THEN 1 + ${r('m', 5)} END AS m_score,
			CASE WHEN o > 0 THEN ($segments::VARCHAR[])[${r('seg', 5)} + 1] END AS rfm_segment,
			CASE WHEN o > 0 THEN (['new', 'active', 'at_risk', 'churned', 'reactivated'])[${r('lc', 5)} + 1] END
				AS lifecycle_stage
		FROM (SELECT *, CASE WHEN ${r('o0', 8)} = 0 THEN 0 ELSE 1 + ${r('o', 12)} END AS o FROM seed) s
		JOIN customers c ON c.customer_id = s.id;

		INSERT INTO customer_day BY NAME
		SELECT s.id AS customer_id, DATE '2024-07-01' - 1 - (hash(i, k) % 500)::INTEGER AS day,
			0 AS orders, (k = 1)::INTEGER AS purchases, (k = 2)::INTEGER AS refunds,
			0 AS purchase_amount, 0 AS refund_amount, 0 AS net_revenue, 1 AS interactions,
			(k = 3)::INTEGER AS email_opens, (k = 4)::INTEGER AS email_clicks, (k = 5)::INTEGER AS web_visits,
			(k = 6)::INTEGER AS support_tickets, (k = 7)::INTEGER AS calls, (k = 8)::INTEGER AS surveys,
			CASE WHEN k = 8 THEN 1 + (hash(i, k, 'csat') % 5)::INTEGER ELSE 0 END AS csat_sum,
			(k = 8)::INTEGER AS csat_count,
			TIMESTAMP '2024-01-01' AS first_interaction_at, TIMESTAMP '2024-01-01' AS last_interaction_at
		FROM seed s, range(1, 9) t(k)
		WHERE hash(i, k, 'has') % 3 <> 0;

		INSERT INTO interactions (interaction_id, customer_id, occurred_at, type)
		SELECT 'i' || i || '-' || k, id, TIMESTAMP '2024-06-01 09:00:00' - INTERVAL (hash(i, k, 't') % 300) DAY,
			(['purchase', 'email_open', 'web_visit', 'call'])[k]
		FROM seed, range(1, 5) t(k)
		WHERE hash(i, k, 'int') % 2 = 0;

		INSERT INTO predictions BY NAME
		SELECT id AS customer_id, 'bgnbd' AS model, DATE '2024-07-01' AS as_of, 365 AS horizon_days,
			${r('ep', 1000)} / 100.0 AS expected_purchases, ${r('pa', 1001)} / 1000.0 AS p_alive,
			1 - ${r('pa', 1001)} / 1000.0 AS churn_probability,
			CASE WHEN 1 - ${r('pa', 1001)} / 1000.0 < 0.33 THEN 'low'
				WHEN 1 - ${r('pa', 1001)} / 1000.0 < 0.66 THEN 'medium' ELSE 'high' END AS churn_band,
			CASE WHEN ${r('nx', 4)} > 0 THEN DATE '2024-07-01' + ${r('nxv', 200)} - 20 END AS expected_next_order,
			CASE WHEN ${r('pc', 6)} > 0 THEN ${r('pcv', 9000000)} / 10.0 END AS predicted_clv,
			${r('hc', 5000000)} / 10.0 AS historic_clv,
			${r('hc', 5000000)} / 10.0 + coalesce(${r('pcv', 9000000)} / 10.0, 0) AS total_clv,
			2 AS fit_id
		FROM seed WHERE ${r('hasp', 10)} > 0;

		-- the product lists of the refresh step 'affinity' (list fields): the channel names stand in for product codes
		INSERT INTO customer_products
		SELECT id, list_filter($channels::VARCHAR[], (x, j) -> (hash(i, x, 'pb') % 3) = 0),
			list_filter($channels::VARCHAR[], (x, j) -> (hash(i, x, 'cb') % 2) = 0),
			list_filter($channels::VARCHAR[], (x, j) -> (hash(i, x, 'rp') % 4) = 0)
		FROM seed WHERE hash(i, 'cp') % 5 > 0;

		-- an older run (fit 1) that the features must not use
		INSERT INTO predictions BY NAME
		SELECT id AS customer_id, 'bgnbd' AS model, DATE '2024-01-01' AS as_of, 365 AS horizon_days,
			-1 AS p_alive, -1 AS predicted_clv, 1 AS fit_id
		FROM seed;
		DROP TABLE seed;
	`;
	const params = {
		n,
		regions: listValue(REGIONS),
		segments: listValue(SEGMENTS),
		channels: listValue(CHANNELS)
	};
	await db.withSession(async (s) => {
		for (const statement of script.split(/;\s*\n/).filter((x) => x.trim() && !/^\s*(--.*\n\s*)*$/.test(x))) {
			await s.exec(statement, params);
		}
	});
	await markCurrent(db, 'metrics', { as_of: '2024-07-01' });
	await refreshCustomerFeatures(db);
}
