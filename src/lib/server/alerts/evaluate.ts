import type { Database, Session } from '../db';
import { loadQuery } from '../db';
import { buildVersion, markBuilt } from '../derived/registry';
import { goalsStatus } from '../goals/status';
import { kpiSeries } from '../goals/kpis';
import { listRules } from './rules';
import { deliverPending, type Poster } from './webhook';

/** An alert as kept in alert_history. */
export interface Alert {
	alert_id: number;
	rule_id: number | null;
	goal_id: number | null;
	kind: 'goal_off_pace' | 'kpi_threshold' | 'clv_p_alive_drop' | 'segment_change';
	as_of: string | null;
	detail: Record<string, unknown>;
	fired_at: string;
}

const OFF_PACE = new Set(['at_risk', 'off_track']);

interface Fired {
	rule_id: number | null;
	goal_id: number | null;
	kind: Alert['kind'];
	detail: Record<string, unknown>;
}

/**
 * Evaluates every alert against the data as the refresh left it and appends what fired to alert_history, then
 * replaces the snapshots the next evaluation compares with:
 * - goal_off_pace: a goal whose status became at risk / off track since the last evaluation (or is so at its first);
 * - kpi_threshold: the KPI's latest complete period is above / below the rule's value;
 * - clv_p_alive_drop: the customers in the top share of predicted CLV whose P(alive) fell below the rule's value
 *   since the last evaluation (queries/alerts_p_alive_crossed.sql; one alert listing them);
 * - segment_change: a segment's customers changed by more than the rule's share (queries/alerts_segment_change.sql).
 */
export async function evaluateAlerts(db: Database, asOf: string): Promise<Fired[]> {
	const fired: Fired[] = [];
	const goals = await goalsStatus(db);
	const before = new Map(
		(
			await db.sql<{ goal_id: number | bigint; status: string }>(
				'SELECT goal_id, status FROM alert_goal_state'
			)
		).map((r) => [Number(r.goal_id), r.status])
	);
	for (const g of goals) {
		const was = before.get(g.goal_id);
		if (OFF_PACE.has(g.pacing.status) && !(was && OFF_PACE.has(was))) {
			fired.push({
				rule_id: null,
				goal_id: g.goal_id,
				kind: 'goal_off_pace',
				detail: {
					kpi: g.kpi,
					status: g.pacing.status,
					was: was ?? null,
					actual: g.pacing.actual,
					expected: g.pacing.expected,
					target: g.target
				}
			});
		}
	}
	const rules = await listRules(db);
	for (const r of rules) {
		if (r.kind === 'kpi_threshold') {
			const last = (await kpiSeries(db, r.kpi, r.grain, r.scope))
				.filter((p) => p.usable && p.value !== null)
				.at(-1);
			if (last && (r.op === 'above' ? last.value! > r.value : last.value! < r.value)) {
				fired.push({
					rule_id: r.rule_id,
					goal_id: null,
					kind: r.kind,
					detail: { kpi: r.kpi, period: last.period, value: last.value, op: r.op, threshold: r.value }
				});
			}
		} else if (r.kind === 'clv_p_alive_drop') {
			const crossed = await db.sql<{
				customer_id: string;
				p_alive_before: number;
				p_alive: number;
				predicted_clv: number;
			}>(loadQuery('alerts_p_alive_crossed'), { top_share: r.top_share, below: r.below });
			if (crossed.length) {
				fired.push({
					rule_id: r.rule_id,
					goal_id: null,
					kind: r.kind,
					detail: {
						top_share: r.top_share,
						below: r.below,
						customers: crossed.length,
						customer_ids: crossed.map((c) => c.customer_id)
					}
				});
			}
		} else {
			for (const s of await db.sql<Record<string, unknown>>(loadQuery('alerts_segment_change'), {
				share: r.share
			})) {
				fired.push({ rule_id: r.rule_id, goal_id: null, kind: r.kind, detail: { ...s, share: r.share } });
			}
		}
	}
	await db.transaction(async (s) => {
		for (const f of fired) {
			await s.exec(
				`INSERT INTO alert_history (rule_id, goal_id, kind, as_of, detail)
				 VALUES ($rule_id, $goal_id, $kind, $as_of::DATE, $detail::JSON)`,
				{ ...f, as_of: asOf, detail: JSON.stringify(f.detail) }
			);
		}
		await replaceSnapshots(
			s,
			goals.map((g) => ({ goal_id: g.goal_id, status: g.pacing.status }))
		);
	});
	return fired;
}

async function replaceSnapshots(s: Session, goals: { goal_id: number; status: string }[]): Promise<void> {
	await s.exec('DELETE FROM alert_goal_state');
	for (const g of goals) await s.exec('INSERT INTO alert_goal_state VALUES ($goal_id, $status)', g);
	await s.exec('DELETE FROM alert_p_alive_snapshot');
	await s.exec(
		'INSERT INTO alert_p_alive_snapshot SELECT customer_id, p_alive FROM current_predictions WHERE p_alive IS NOT NULL'
	);
	await s.exec('DELETE FROM alert_segment_snapshot');
	await s.exec(
		'INSERT INTO alert_segment_snapshot SELECT rfm_segment, count(*) FROM segment_customer WHERE rfm_segment IS NOT NULL GROUP BY ALL'
	);
}

/** The refresh step 'alerts' (derived/registry.ts): evaluate, record the step, then POST the pending alerts. */
export async function refreshAlerts(db: Database, post?: Poster): Promise<{ fired: number }> {
	const t0 = performance.now();
	const version = await db.withSession((s) => buildVersion(s, 'alerts'));
	const asOf =
		(
			await db.sql<{ d: string | null }>("SELECT strftime(max(day) + 1, '%Y-%m-%d') AS d FROM customer_day")
		)[0]?.d ?? null;
	const fired = await evaluateAlerts(db, asOf ?? new Date().toISOString().slice(0, 10));
	await db.withSession((s) => markBuilt(s, 'alerts', version, {}, performance.now() - t0));
	await deliverPending(db, post);
	return { fired: fired.length };
}

type StoredAlert = Omit<Alert, 'detail' | 'alert_id' | 'rule_id' | 'goal_id'> & {
	alert_id: number | bigint;
	rule_id: number | bigint | null;
	goal_id: number | bigint | null;
	detail: string;
};

/** The alert history, newest first. */
export async function listAlerts(db: Database, limit = 100): Promise<Alert[]> {
	const rows = await db.sql<StoredAlert>(
		`SELECT alert_id, rule_id, goal_id, kind, strftime(as_of, '%Y-%m-%d') AS as_of, detail::VARCHAR AS detail,
			strftime(fired_at, '%Y-%m-%d %H:%M:%S') AS fired_at
		 FROM alert_history ORDER BY alert_id DESC LIMIT $limit`,
		{ limit }
	);
	return rows.map((r) => ({
		...r,
		alert_id: Number(r.alert_id),
		rule_id: r.rule_id === null ? null : Number(r.rule_id),
		goal_id: r.goal_id === null ? null : Number(r.goal_id),
		detail: JSON.parse(r.detail) as Record<string, unknown>
	}));
}
