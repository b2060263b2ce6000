import type { Condition, Operator, Rule } from '$lib/server/lists/rule';
import type { FieldChoice } from '$lib/server/lists/catalog';

/**
 * The builder's editable form of a rule: every node has an id (for keyed lists) and a `negate` flag (NOT).
 * toRule/fromTree convert to and from the JSON rule the server checks and compiles.
 */
export type GroupNode = {
	kind: 'group';
	id: string;
	combinator: 'and' | 'or';
	negate: boolean;
	children: TreeNode[];
};
export type ConditionNode = {
	kind: 'condition';
	id: string;
	negate: boolean;
	field: string;
	op: Operator;
	value: unknown;
};
export type TreeNode = GroupNode | ConditionNode;
export type { FieldChoice, Operator, Rule };

let counter = 0;
export const nextId = () => `n${++counter}`;

export function emptyGroup(combinator: 'and' | 'or' = 'and'): GroupNode {
	return { kind: 'group', id: nextId(), combinator, negate: false, children: [] };
}

export function newCondition(field: FieldChoice): ConditionNode {
	const op = field.operators[0]!;
	return {
		kind: 'condition',
		id: nextId(),
		negate: false,
		field: field.key,
		op,
		value: defaultValue(field, op)
	};
}

/** A sensible starting value when the field or operator changes. */
export function defaultValue(field: FieldChoice, op: Operator): unknown {
	if (op === 'is_set' || op === 'is_not_set') return undefined;
	if (op === 'within_last_days' || op === 'not_within_last_days' || op === 'within_next_days') return 30;
	const first = field.options?.[0]?.value;
	if (op === 'in' || op === 'not_in' || op === 'contains_any' || op === 'contains_all')
		return first ? [first] : [];
	if (op === 'between') return field.type === 'date' ? ['2024-01-01', '2024-12-31'] : [0, 1];
	switch (field.type) {
		case 'number':
			return field.share ? 0.5 : 1;
		case 'date':
			return new Date().toISOString().slice(0, 10);
		case 'boolean':
			return true;
		default:
			return first ?? '';
	}
}

/**
 * A number as the builder shows it: a probability (0..1) in %, anything else as it is. Rounded to 12 significant
 * digits so that 0.07 reads 7, not 7.000000000000001.
 */
export function shownValue(field: Pick<FieldChoice, 'share'>, v: unknown): string {
	if (v === null || v === undefined) return '';
	if (typeof v === 'number' && field.share) return String(Number((v * 100).toPrecision(12)));
	return String(v);
}

/** What the user typed, as the rule's value: a number for a number field (a % back to 0..1), else the text. */
export function parsedValue(field: Pick<FieldChoice, 'type' | 'share'>, raw: string): unknown {
	if (field.type !== 'number') return raw;
	if (raw.trim() === '') return null;
	const n = Number(raw);
	return field.share ? Number((n / 100).toPrecision(12)) : n;
}

export function toRule(node: TreeNode): Rule {
	let rule: Rule;
	if (node.kind === 'group') {
		// A group still being filled in (no conditions yet) is left out rather than matching everyone or no one.
		const children = node.children.filter((c) => !isEmptyGroup(c)).map(toRule);
		rule = node.combinator === 'and' ? { and: children } : { or: children };
	} else {
		const c: Condition = { field: node.field, op: node.op };
		if (node.value !== undefined) c.value = node.value;
		rule = c;
	}
	return node.negate ? { not: rule } : rule;
}

function isEmptyGroup(node: TreeNode): boolean {
	return node.kind === 'group' && node.children.every(isEmptyGroup);
}

/** The rule as an editable tree; the root is always a group. */
export function fromRule(rule: Rule): GroupNode {
	const node = toNode(rule);
	if (node.kind === 'group') return node;
	return { kind: 'group', id: nextId(), combinator: 'and', negate: false, children: [node] };
}

function toNode(rule: Rule): TreeNode {
	if ('not' in rule) {
		const inner = toNode(rule.not);
		if (!inner.negate) return { ...inner, negate: true };
		return { kind: 'group', id: nextId(), combinator: 'and', negate: true, children: [inner] };
	}
	if ('and' in rule)
		return { kind: 'group', id: nextId(), combinator: 'and', negate: false, children: rule.and.map(toNode) };
	if ('or' in rule)
		return { kind: 'group', id: nextId(), combinator: 'or', negate: false, children: rule.or.map(toNode) };
	return {
		kind: 'condition',
		id: nextId(),
		negate: false,
		field: rule.field,
		op: rule.op,
		value: rule.value
	};
}

/** The query string of /lists/new?rule=<JSON>&name=<name>: the link any chart uses for "save as list". */
export function ruleQuery(rule: Rule, name?: string): string {
	const q = new URLSearchParams({ rule: JSON.stringify(rule) });
	if (name) q.set('name', name);
	return q.toString();
}
