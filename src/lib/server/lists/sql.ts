import { loadQuery } from '../db';
import type { CompiledRule } from './compile';

const MARK = '{{rule}}';

/**
 * queries/<name>.sql with its {{rule}} mark replaced by a compiled rule. The compiled SQL is built only from
 * whitelisted fields and operators (compile.ts); the rule's values stay in `params`.
 */
export function withRule(name: string, rule: CompiledRule): string {
	const sql = loadQuery(name);
	const parts = sql.split(MARK);
	if (parts.length !== 2) throw new Error(`query ${name} must contain ${MARK} exactly once`);
	return `${parts[0]}(${rule.sql})${parts[1]}`;
}
