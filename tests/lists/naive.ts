import { fieldByKey } from '../../src/lib/server/lists/fields';
import type { Condition, Rule } from '../../src/lib/server/lists/rule';

/**
 * The rule semantics written plainly in TypeScript over rows of customer_features read back from DuckDB: the
 * reference the SQL compiler is tested against. Kept independent of compile.ts on purpose.
 */
export type FeatureRow = Record<string, unknown>;

const DAY = 86_400_000;

function dayOf(v: unknown): number | null {
	if (v === null || v === undefined) return null;
	if (v instanceof Date) return Math.round(v.getTime() / DAY);
	return Math.round(new Date(`${String(v)}T00:00:00Z`).getTime() / DAY);
}

export function naiveMatches(rule: Rule, row: FeatureRow): boolean {
	if ('and' in rule) return rule.and.every((r) => naiveMatches(r, row));
	if ('or' in rule) return rule.or.some((r) => naiveMatches(r, row));
	if ('not' in rule) return !naiveMatches(rule.not, row);
	return naiveCondition(rule, row);
}

function naiveCondition(c: Condition, row: FeatureRow): boolean {
	const field = fieldByKey(c.field);
	if (!field) throw new Error(`unknown field ${c.field}`);
	const raw = row[c.field];
	switch (c.op) {
		case '!=':
			return !naiveCondition({ ...c, op: '=' }, row);
		case 'not_in':
			return !naiveCondition({ ...c, op: 'in' }, row);
		case 'not_contains':
			return !naiveCondition({ ...c, op: 'contains' }, row);
		case 'not_within_last_days':
			return !naiveCondition({ ...c, op: 'within_last_days' }, row);
		case 'is_not_set':
			return !naiveCondition({ ...c, op: 'is_set' }, row);
		case 'is_set':
			return field.type === 'list' ? Array.isArray(raw) && raw.length > 0 : raw !== null && raw !== undefined;
	}
	if (raw === null || raw === undefined) return false;
	if (field.type === 'list') {
		const list = raw as string[];
		if (c.op === 'contains') return list.includes(c.value as string);
		if (c.op === 'contains_any') return (c.value as string[]).some((x) => list.includes(x));
		if (c.op === 'contains_all') return (c.value as string[]).every((x) => list.includes(x));
		throw new Error(`op ${c.op} on list`);
	}
	if (field.type === 'date') {
		const d = dayOf(raw)!;
		const asOf = dayOf(row.as_of)!;
		switch (c.op) {
			case '=':
				return d === dayOf(c.value);
			case 'before':
				return d < dayOf(c.value)!;
			case 'after':
				return d > dayOf(c.value)!;
			case 'between': {
				const [lo, hi] = c.value as [string, string];
				return d >= dayOf(lo)! && d <= dayOf(hi)!;
			}
			case 'within_last_days':
				return d >= asOf - (c.value as number) && d < asOf;
			case 'within_next_days':
				return d >= asOf && d < asOf + (c.value as number);
		}
		throw new Error(`op ${c.op} on date`);
	}
	// number, category, boolean: plain comparisons
	const v = field.type === 'number' ? Number(raw) : raw;
	switch (c.op) {
		case '=':
			return v === c.value;
		case '>':
			return (v as number) > (c.value as number);
		case '>=':
			return (v as number) >= (c.value as number);
		case '<':
			return (v as number) < (c.value as number);
		case '<=':
			return (v as number) <= (c.value as number);
		case 'between': {
			const [lo, hi] = c.value as [number, number];
			return (v as number) >= lo && (v as number) <= hi;
		}
		case 'in':
			return (c.value as unknown[]).includes(v);
	}
	throw new Error(`op ${c.op} on ${field.type}`);
}
