import { z } from 'zod';
import type { Database } from '../db';
import { GOAL_GRAINS, GOAL_KPI_KEYS, scopeSchema } from '../goals/kpis';

/**
 * Alert rules (table alert_rules): what is watched at every refresh. goal_off_pace needs no rule (every goal is
 * watched); the others carry their parameters.
 */
export const ruleSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('kpi_threshold'),
		kpi: z.enum(GOAL_KPI_KEYS),
		grain: z.enum(GOAL_GRAINS).default('month'),
		scope: scopeSchema.default({}),
		op: z.enum(['above', 'below']),
		value: z.number().finite()
	}),
	z.object({
		kind: z.literal('clv_p_alive_drop'),
		/** the top share of customers by predicted CLV, 0..1 (0.1 = top 10%) */
		top_share: z.number().gt(0).max(1),
		/** the P(alive) they fell below */
		below: z.number().gt(0).lt(1)
	}),
	z.object({
		kind: z.literal('segment_change'),
		/** relative change of a segment's customers, e.g. 0.2 = grew or shrank by more than 20% */
		share: z.number().gt(0)
	})
]);
export type AlertRule = z.infer<typeof ruleSchema>;
export type StoredRule = AlertRule & { rule_id: number };

export async function addRule(db: Database, input: unknown): Promise<StoredRule> {
	const rule = ruleSchema.parse(input);
	const { kind, ...params } = rule;
	const rows = await db.sql<{ rule_id: number | bigint }>(
		'INSERT INTO alert_rules (kind, params) VALUES ($kind, $params::JSON) RETURNING rule_id',
		{ kind, params: JSON.stringify(params) }
	);
	return { ...rule, rule_id: Number(rows[0]!.rule_id) };
}

export async function listRules(db: Database): Promise<StoredRule[]> {
	const rows = await db.sql<{ rule_id: number | bigint; kind: string; params: string }>(
		'SELECT rule_id, kind, params::VARCHAR AS params FROM alert_rules ORDER BY rule_id'
	);
	return rows.map((r) => ({
		...ruleSchema.parse({ kind: r.kind, ...(JSON.parse(r.params) as object) }),
		rule_id: Number(r.rule_id)
	}));
}

export async function webhookUrl(db: Database): Promise<string | null> {
	return (await db.sql<{ url: string }>('SELECT url FROM alert_webhook LIMIT 1'))[0]?.url ?? null;
}

/** Sets (or with null removes) the webhook URL the alerts are POSTed to; http(s) only. */
export async function setWebhookUrl(db: Database, url: string | null): Promise<void> {
	if (url !== null)
		z.string()
			.url()
			.regex(/^https?:\/\//, 'the webhook must be an http(s) URL')
			.parse(url);
	await db.transaction(async (s) => {
		await s.exec('DELETE FROM alert_webhook');
		if (url !== null) await s.exec('INSERT INTO alert_webhook VALUES ($url)', { url });
	});
}
