import { z } from 'zod';
import { isCalendarDate } from '../dates';
import { FIELDS, fieldByKey, type FieldType } from './fields';
import { issueLines } from '../issues';

/**
 * A list rule: a JSON tree of groups and conditions.
 *   {"and": [rule, ...]}   every child holds (an empty "and" holds for everyone)
 *   {"or": [rule, ...]}    at least one child holds (an empty "or" holds for no one)
 *   {"not": rule}          the child does not hold
 *   {"field": "p_alive", "op": ">=", "value": 0.7}   a condition on one field of customer_features
 * Conditions are two-valued: a condition on a missing (NULL) value is false, and the negative operators (!=, not_in,
 * not_contains, not_within_last_days) are exactly NOT of their positive twin, so they hold for missing values.
 */
export const OPERATORS = [
	'=',
	'!=',
	'>',
	'>=',
	'<',
	'<=',
	'between',
	'in',
	'not_in',
	'before',
	'after',
	'within_last_days',
	'not_within_last_days',
	'within_next_days',
	'contains',
	'not_contains',
	'contains_any',
	'contains_all',
	'is_set',
	'is_not_set'
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Which operators each field type offers, in the order the builder lists them. */
export const OPERATORS_BY_TYPE: Record<FieldType, readonly Operator[]> = {
	number: ['=', '!=', '>', '>=', '<', '<=', 'between', 'in', 'not_in', 'is_set', 'is_not_set'],
	category: ['=', '!=', 'in', 'not_in', 'is_set', 'is_not_set'],
	date: [
		'=',
		'before',
		'after',
		'between',
		'within_last_days',
		'not_within_last_days',
		'within_next_days',
		'is_set',
		'is_not_set'
	],
	boolean: ['=', '!=', 'is_set', 'is_not_set'],
	list: ['contains', 'not_contains', 'contains_any', 'contains_all', 'is_set', 'is_not_set']
};

/** The negative operators: NOT of their positive twin. */
export const NEGATED: Partial<Record<Operator, Operator>> = {
	'!=': '=',
	not_in: 'in',
	not_contains: 'contains',
	not_within_last_days: 'within_last_days',
	is_not_set: 'is_set'
};

export const LIMITS = { depth: 12, nodes: 400, listItems: 100_000, stringLength: 10_000, days: 36_600 };

export type Condition = { field: string; op: Operator; value?: unknown };
export type Rule = Condition | { and: Rule[] } | { or: Rule[] } | { not: Rule };

const conditionSchema = z
	.object({ field: z.string().max(100), op: z.enum(OPERATORS), value: z.unknown().optional() })
	.strict();

export const ruleSchema: z.ZodType<Rule> = z.lazy(() =>
	z.union([
		conditionSchema,
		z.object({ and: z.array(ruleSchema) }).strict(),
		z.object({ or: z.array(ruleSchema) }).strict(),
		z.object({ not: ruleSchema }).strict()
	])
) as z.ZodType<Rule>;

export class RuleError extends Error {
	constructor(readonly issues: string[]) {
		super(`invalid list rule: ${issues.join('; ')}`);
	}
}

const validDate = (v: unknown): v is string => typeof v === 'string' && isCalendarDate(v);

const shortString = (v: unknown): v is string => typeof v === 'string' && v.length <= LIMITS.stringLength;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What a condition's value must be, as a check and a description for error messages. */
function valueCheck(type: FieldType, op: Operator): { ok: (v: unknown) => boolean; expected: string } | null {
	if (op === 'is_set' || op === 'is_not_set') return null;
	const scalar =
		type === 'number'
			? { ok: finite, expected: 'a number' }
			: type === 'date'
				? { ok: validDate, expected: "a date 'YYYY-MM-DD'" }
				: type === 'boolean'
					? { ok: (v: unknown) => typeof v === 'boolean', expected: 'true or false' }
					: { ok: shortString, expected: `a text of at most ${LIMITS.stringLength} characters` };
	const list = {
		ok: (v: unknown) =>
			Array.isArray(v) && v.length >= 1 && v.length <= LIMITS.listItems && v.every((x) => scalar.ok(x)),
		expected: `a list of 1 to ${LIMITS.listItems} values, each ${scalar.expected}`
	};
	switch (op) {
		case 'between':
			return {
				ok: (v) => Array.isArray(v) && v.length === 2 && v.every((x) => scalar.ok(x)),
				expected: `[low, high], each ${scalar.expected}`
			};
		case 'in':
		case 'not_in':
		case 'contains_any':
		case 'contains_all':
			return list;
		case 'within_last_days':
		case 'not_within_last_days':
		case 'within_next_days':
			return {
				ok: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= LIMITS.days,
				expected: `a whole number of days from 1 to ${LIMITS.days}`
			};
		default:
			return scalar;
	}
}

/** Checks every field, operator and value against the whitelist; lists every problem with where it is. */
export function checkRule(rule: Rule): string[] {
	const issues: string[] = [];
	let nodes = 0;
	const walk = (r: Rule, path: string, depth: number): void => {
		nodes++;
		if (depth > LIMITS.depth) {
			issues.push(`${path}: groups nest deeper than ${LIMITS.depth} levels`);
			return;
		}
		if ('and' in r || 'or' in r) {
			const children = 'and' in r ? r.and : r.or;
			const key = 'and' in r ? 'and' : 'or';
			children.forEach((c, i) => walk(c, `${path}.${key}[${i}]`, depth + 1));
			return;
		}
		if ('not' in r) return walk(r.not, `${path}.not`, depth + 1);
		const field = fieldByKey(r.field);
		if (!field) {
			issues.push(
				`${path}: unknown field '${r.field.slice(0, 100)}'; known fields: ${FIELDS.map((f) => f.key).join(', ')}`
			);
			return;
		}
		const allowed = OPERATORS_BY_TYPE[field.type];
		if (!allowed.includes(r.op)) {
			issues.push(
				`${path}: '${r.op}' does not apply to ${field.key} (${field.type}); use one of ${allowed.join(', ')}`
			);
			return;
		}
		const check = valueCheck(field.type, r.op);
		if (check && !check.ok(r.value)) issues.push(`${path}: ${field.key} ${r.op} needs ${check.expected}`);
		if (!check && r.value !== undefined && r.value !== null) {
			issues.push(`${path}: ${field.key} ${r.op} takes no value`);
		}
	};
	walk(rule, 'rule', 0);
	if (nodes > LIMITS.nodes)
		issues.push(`rule: ${nodes} nodes; at most ${LIMITS.nodes} conditions and groups`);
	return issues;
}

/** Parses and checks untrusted JSON (a string or a value) into a Rule; throws RuleError naming every problem. */
export function parseRule(input: unknown): Rule {
	let value = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (e) {
			throw new RuleError([`the rule is not valid JSON (${e instanceof Error ? e.message : e})`]);
		}
	}
	if (nestingOf(value, 0) > 2 * LIMITS.depth + 4) {
		throw new RuleError([`rule: groups nest deeper than ${LIMITS.depth} levels`]);
	}
	const parsed = ruleSchema.safeParse(value);
	if (!parsed.success) {
		throw new RuleError(
			issueLines(
				parsed.error,
				(path) => `rule${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`
			).slice(0, 5)
		);
	}
	const issues = checkRule(parsed.data);
	if (issues.length) throw new RuleError(issues);
	return parsed.data;
}

/** How deep JSON objects and arrays nest, stopping early: guards the recursive schema against huge depths. */
function nestingOf(v: unknown, depth: number): number {
	if (depth > 2 * LIMITS.depth + 4 || v === null || typeof v !== 'object') return depth;
	let max = depth;
	for (const child of Object.values(v as object)) max = Math.max(max, nestingOf(child, depth + 1));
	return max;
}

/** The rule that holds for every customer. */
export const EVERYONE: Rule = { and: [] };
