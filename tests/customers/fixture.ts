import { markCurrent } from '../helpers/derived';
import type { Database } from '../../src/lib/server/db';

/**
 * A small hand-made database for the customer pages' queries: five customers with known contacts, scores,
 * segments and predictions, their interactions, and one BG/NBD fit. The derived tables (customer_summary,
 * customer_day, predictions, model_fits) are filled directly with known values, so that these tests check the
 * customer queries alone; the metric and model refreshes have their own tests.
 */
export interface FixtureCustomer {
	id: string;
	name: string;
	email: string;
	phone: string;
	region: string;
	acquisition: string;
	segment: string | null;
	lifecycle: string | null;
	r: number | null;
	f: number | null;
	m: number | null;
	/** purchase days; one order of 100,000 VND on each, via 'web' */
	purchases: string[];
	/** other interactions: [day, type, channel] */
	touches: [string, string, string][];
	pAlive: number | null;
	clv: number | null;
}

export const AS_OF = '2024-07-01';

export const CUSTOMERS: FixtureCustomer[] = [
	{
		id: 'C001',
		name: 'Nguyễn Thị Lan',
		email: 'lan.nguyen@gmail.com',
		phone: '+84912345678',
		region: 'Hà Nội',
		acquisition: 'web',
		segment: 'champions',
		lifecycle: 'active',
		r: 5,
		f: 5,
		m: 5,
		purchases: ['2024-01-10', '2024-03-05', '2024-06-20'],
		touches: [['2024-06-01', 'email_click', 'email']],
		pAlive: 0.95,
		clv: 900000
	},
	{
		id: 'C002',
		name: 'Trần Văn Minh',
		email: 'minh_tran@company.vn',
		phone: '+84987654321',
		region: 'Hồ Chí Minh',
		acquisition: 'store',
		segment: 'at_risk',
		lifecycle: 'at_risk',
		r: 1,
		f: 4,
		m: 4,
		purchases: ['2024-01-15', '2024-01-20'],
		touches: [['2024-02-01', 'support_ticket', 'phone']],
		pAlive: 0.3,
		clv: 120000
	},
	{
		id: 'C003',
		name: 'Lê Hoàng 50%_off',
		email: 'le.hoang@yahoo.com',
		phone: '+84901112223',
		region: 'Hà Nội',
		acquisition: 'facebook',
		segment: 'new_customers',
		lifecycle: 'new',
		r: 5,
		f: 1,
		m: 1,
		purchases: ['2024-06-25'],
		touches: [['2024-06-24', 'web_visit', 'web']],
		pAlive: 1,
		clv: 50000
	},
	{
		id: 'C004',
		name: 'Phạm Thu Hà',
		email: 'ha.pham@gmail.com',
		phone: '+84933334444',
		region: 'Đà Nẵng',
		acquisition: 'web',
		segment: 'champions',
		lifecycle: 'active',
		r: 5,
		f: 5,
		m: 4,
		purchases: ['2024-02-10', '2024-04-10', '2024-06-10'],
		touches: [['2024-05-01', 'email_open', 'email']],
		pAlive: 0.9,
		clv: 700000
	},
	{
		id: 'C005',
		name: 'Võ Minh Tuấn',
		email: 'tuan.vo@gmail.com',
		phone: '+84911000999',
		region: 'Hà Nội',
		acquisition: 'zalo',
		segment: null,
		lifecycle: null,
		r: null,
		f: null,
		m: null,
		purchases: [],
		touches: [['2024-05-05', 'email_open', 'email']],
		pAlive: null,
		clv: null
	}
];

const diffDays = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / 86_400_000);

export async function loadFixture(db: Database): Promise<void> {
	for (const c of CUSTOMERS) {
		await db.exec(
			`INSERT INTO customers (customer_id, name, email, phone, region, country, acquisition_channel,
			 consent_email, consent_sms, signup_at)
			 VALUES ($id, $name, $email, $phone, $region, 'VN', $acq, true, false, TIMESTAMP '2023-12-01 09:00:00')`,
			{ id: c.id, name: c.name, email: c.email, phone: c.phone, region: c.region, acq: c.acquisition }
		);
		let n = 0;
		for (const day of c.purchases) {
			n++;
			await db.exec(
				`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount,
				 quantity, category) VALUES ($iid, $id, $at::TIMESTAMP, 'purchase', 'web', $order, 100000, 2, 'books')`,
				{ iid: `${c.id}-p${n}`, id: c.id, at: `${day} 10:00:00`, order: `${c.id}-o${n}` }
			);
			await db.exec(
				`INSERT INTO customer_day (customer_id, day, orders, purchases, refunds, purchase_amount, refund_amount,
				 net_revenue, interactions, email_opens, email_clicks, web_visits, support_tickets, calls, surveys,
				 csat_sum, csat_count, first_interaction_at, last_interaction_at)
				 VALUES ($id, $day::DATE, 1, 1, 0, 100000, 0, 100000, 1, 0, 0, 0, 0, 0, 0, 0, 0,
				 $day::TIMESTAMP, $day::TIMESTAMP)`,
				{ id: c.id, day }
			);
		}
		for (const [day, type, channel] of c.touches) {
			n++;
			await db.exec(
				`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, csat, resolved_at)
				 VALUES ($iid, $id, $at::TIMESTAMP, $type, $channel, NULL,
				 CASE WHEN $type::VARCHAR = 'support_ticket' THEN $at::TIMESTAMP + INTERVAL 5 HOUR END)`,
				{ iid: `${c.id}-t${n}`, id: c.id, at: `${day} 15:00:00`, type, channel }
			);
		}
		const first = c.purchases[0] ?? null;
		const last = c.purchases.at(-1) ?? null;
		const lastTouch = [...c.purchases, ...c.touches.map((t) => t[0])].sort().at(-1)!;
		await db.exec(
			`INSERT INTO customer_summary (customer_id, first_purchase_at, last_purchase_at, orders, purchase_days,
			 net_revenue, purchase_amount, refund_amount, avg_order_value, recency_days, tenure_days,
			 last_interaction_at, interactions, channels_used, region, country, acquisition_channel, consent_email,
			 consent_sms, r_score, f_score, m_score, rfm_segment, lifecycle_stage)
			 VALUES ($id, $first::TIMESTAMP, $last::TIMESTAMP, $orders::INTEGER, $orders::INTEGER, $revenue::DECIMAL(18, 2),
			 $revenue::DECIMAL(18, 2), 0, $aov::DOUBLE, $recency::INTEGER, $tenure::INTEGER, $lastTouch::TIMESTAMP,
			 $interactions::INTEGER, string_split($channels::VARCHAR, ','), $region, 'VN', $acq, true, false, $r::TINYINT, $f::TINYINT,
			 $m::TINYINT, $segment::VARCHAR, $lifecycle::VARCHAR)`,
			{
				id: c.id,
				first,
				last,
				orders: c.purchases.length,
				revenue: c.purchases.length * 100000,
				aov: c.purchases.length ? 100000 : null,
				recency: last ? diffDays(AS_OF, last) : null,
				tenure: first ? diffDays(AS_OF, first) : null,
				lastTouch,
				interactions: c.purchases.length + c.touches.length,
				channels: [...new Set(['web', ...c.touches.map((t) => t[2])])].sort().join(','),
				region: c.region,
				acq: c.acquisition,
				r: c.r,
				f: c.f,
				m: c.m,
				segment: c.segment,
				lifecycle: c.lifecycle
			}
		);
	}
	// customer_period: one row per grain, active period and customer (what the cohort heatmap counts)
	await db.exec(
		`INSERT INTO customer_period (grain, period, customer_id, active, cohort, is_new)
		 SELECT DISTINCT g.grain, date_trunc(g.grain, d.day)::DATE AS period, d.customer_id, true,
			date_trunc(g.grain, f.first_day)::DATE, false
		 FROM customer_day d
		 JOIN (SELECT customer_id, min(day) AS first_day FROM customer_day WHERE orders > 0 GROUP BY 1) f USING (customer_id),
			(VALUES ('month'), ('quarter')) g(grain)
		 WHERE d.orders > 0`
	);
	await db.exec('UPDATE customer_period SET is_new = (period = cohort)');
	// customer_journey: the days each customer reached the funnel's steps
	await db.exec(
		`INSERT INTO customer_journey (customer_id, first_interaction_day, first_engaged_day, first_purchase_day,
		 repeat_purchase_day, rfm_segment)
		 SELECT i.customer_id, min(i.occurred_at)::DATE,
			min(i.occurred_at) FILTER (WHERE type IN ('email_click', 'web_visit', 'call', 'support_ticket'))::DATE,
			min(i.occurred_at) FILTER (WHERE type = 'purchase')::DATE,
			(list_sort(list(DISTINCT i.occurred_at::DATE) FILTER (WHERE type = 'purchase')))[2],
			any_value(s.rfm_segment)
		 FROM interactions i JOIN customer_summary s USING (customer_id)
		 GROUP BY i.customer_id`
	);
	await db.exec(
		`INSERT INTO model_fits (model, params, std_errors, log_likelihood, converged, iterations, n_customers,
		 time_unit, calibration_end, as_of, status)
		 VALUES ('bgnbd', '{"r": 0.2426, "alpha": 4.4135, "a": 0.7929, "b": 2.4258}',
		 '{"r": 0.0126, "alpha": 0.3784, "a": 0.1853, "b": 0.7053}', -9582.43, true, 31, 4, 'week',
		 DATE '2024-06-30', DATE '${AS_OF}', 'ok')`
	);
	for (const c of CUSTOMERS) {
		if (c.pAlive === null) continue;
		await db.exec(
			`INSERT INTO predictions (customer_id, model, as_of, horizon_days, expected_purchases, p_alive,
			 churn_probability, churn_band, expected_next_order, predicted_clv, historic_clv, total_clv, fit_id)
			 VALUES ($id, 'bgnbd', DATE '${AS_OF}', 365, 1.5, $p::DOUBLE, 1 - $p::DOUBLE,
			 CASE WHEN 1 - $p::DOUBLE < 0.33 THEN 'low' WHEN 1 - $p::DOUBLE < 0.66 THEN 'medium' ELSE 'high' END,
			 DATE '2024-08-01', $clv::DOUBLE, 100000, 100000 + $clv::DOUBLE, 1)`,
			{ id: c.id, p: c.pAlive, clv: c.clv }
		);
	}
	await markCurrent(db, 'metrics', { as_of: AS_OF });
}
