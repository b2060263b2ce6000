import type { Database, Session } from '../db';
import { buildVersion, markBuilt } from '../derived/registry';
import { compileRule } from './compile';
import { parseRule } from './rule';
import { withRule } from './sql';

/**
 * Registry entry 'list-membership': after every refresh of the customer features, each living list (kind 'rule')
 * is evaluated again and its history in list_membership moves: customers who now match join (joined_on = the
 * features' as-of date), members who no longer match leave (left_on). Snapshots never move.
 */
export async function refreshListMembership(db: Database): Promise<{ lists: number }> {
	return db.transaction(async (s) => {
		const t0 = performance.now();
		const version = await buildVersion(s, 'list-membership');
		const lists = await s.sql<{ name: string; rule: string }>(
			"SELECT name, rule::VARCHAR AS rule FROM saved_segments WHERE coalesce(kind, 'rule') = 'rule' ORDER BY name"
		);
		for (const l of lists) await recordMembership(s, l.name, JSON.parse(l.rule));
		await markBuilt(s, 'list-membership', version, {}, performance.now() - t0);
		return { lists: lists.length };
	});
}

/** Moves one living list's history to its members on the current features. */
export async function recordMembership(s: Session | Database, name: string, rule: unknown): Promise<void> {
	const compiled = compileRule(parseRule(rule));
	const asOf = await s.sql<{ d: string | null }>(
		"SELECT strftime(max(as_of), '%Y-%m-%d') AS d FROM customer_features"
	);
	await s.exec(withRule('list_membership_leave', compiled), {
		...compiled.params,
		name,
		as_of: asOf[0]?.d ?? null
	});
	await s.exec(withRule('list_membership_join', compiled), { ...compiled.params, name });
}

export interface MembershipChange {
	day: string;
	joined: number;
	left: number;
}

/** A living list's history: per as-of date, how many joined and left. */
export async function membershipHistory(db: Database, name: string): Promise<MembershipChange[]> {
	return db.sql<MembershipChange>(
		`SELECT strftime(day, '%Y-%m-%d') AS day, sum(joined)::INTEGER AS joined, sum("left")::INTEGER AS "left"
		 FROM (SELECT joined_on AS day, 1 AS joined, 0 AS "left" FROM list_membership WHERE list_name = $name
		       UNION ALL SELECT left_on, 0, 1 FROM list_membership WHERE list_name = $name AND left_on IS NOT NULL)
		 GROUP BY day ORDER BY day`,
		{ name }
	);
}
