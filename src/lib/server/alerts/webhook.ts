import type { Database } from '../db';
import { webhookUrl } from './rules';

/** POSTs a JSON body to a URL: the HTTP status, or throws when there is no answer. */
export type Poster = (url: string, body: string) => Promise<number>;

const fetchPoster: Poster = async (url, body) => {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body,
		signal: AbortSignal.timeout(10_000)
	});
	await res.body?.cancel();
	return res.status;
};

/** Attempts per alert in one delivery round; an alert still not delivered is tried again at the next refresh. */
export const WEBHOOK_ATTEMPTS = 3;

/**
 * POSTs every alert not yet delivered to the webhook (when one is set) as JSON {alert_id, kind, goal_id, rule_id,
 * as_of, detail, fired_at}, up to WEBHOOK_ATTEMPTS times each with a short backoff; every attempt is recorded in
 * webhook_deliveries (status or error), so a failure is never lost: the alert stays pending for the next round.
 */
export async function deliverPending(
	db: Database,
	post: Poster = fetchPoster,
	backoffMs = 200
): Promise<{ delivered: number; failed: number }> {
	const url = await webhookUrl(db);
	if (!url) return { delivered: 0, failed: 0 };
	const pending = await db.sql<Record<string, unknown> & { alert_id: number | bigint }>(
		`SELECT alert_id, kind, goal_id, rule_id, strftime(as_of, '%Y-%m-%d') AS as_of, detail::VARCHAR AS detail,
			strftime(fired_at, '%Y-%m-%dT%H:%M:%S') AS fired_at
		 FROM alert_history a
		 WHERE NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.alert_id = a.alert_id AND d.delivered)
		 ORDER BY alert_id`
	);
	let delivered = 0;
	let failed = 0;
	for (const a of pending) {
		const id = Number(a.alert_id);
		const prior = await db.sql<{ n: number }>(
			'SELECT count(*)::INTEGER AS n FROM webhook_deliveries WHERE alert_id = $id',
			{ id }
		);
		const body = JSON.stringify({
			...a,
			alert_id: id,
			goal_id: a.goal_id === null ? null : Number(a.goal_id),
			rule_id: a.rule_id === null ? null : Number(a.rule_id),
			detail: JSON.parse(String(a.detail))
		});
		let ok = false;
		for (let i = 0; i < WEBHOOK_ATTEMPTS && !ok; i++) {
			if (i > 0) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (i - 1)));
			let status: number | null = null;
			let error: string | null = null;
			try {
				status = await post(url, body);
				ok = status >= 200 && status < 300;
				if (!ok) error = `HTTP ${status}`;
			} catch (e) {
				error = e instanceof Error ? e.message : String(e);
			}
			await db.exec(
				`INSERT INTO webhook_deliveries (alert_id, url, attempt, status, error, delivered)
				 VALUES ($id, $url, $attempt, $status, $error, $ok)`,
				{ id, url, attempt: (prior[0]?.n ?? 0) + i + 1, status, error, ok }
			);
		}
		if (ok) delivered++;
		else failed++;
	}
	return { delivered, failed };
}
