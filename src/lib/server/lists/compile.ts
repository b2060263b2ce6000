import { listValue } from '@duckdb/node-api';
import { fieldByKey, fieldColumn } from './fields';
import { NEGATED, type Condition, type Operator, type Rule } from './rule';

/**
 * A rule as a SQL boolean expression over `customer_features f`, with every value a bound named parameter
 * ($r0, $r1, ...). Field names pass only through the whitelist (fieldColumn) and operators only through the
 * switch below: no text from the rule is ever copied into the SQL.
 */
export interface CompiledRule {
	sql: string;
	params: Record<string, unknown>;
}

/** Bound values in a form DuckDB can bind: lists become LIST values (numbers as text, cast in SQL). */
export function compileRule(rule: Rule): CompiledRule {
	const params: Record<string, unknown> = {};
	let n = 0;
	const bind = (value: unknown, cast: string): string => {
		const name = `r${n++}`;
		params[name] = value;
		return `$${name}::${cast}`;
	};
	const walk = (r: Rule): string => {
		if ('and' in r) return r.and.length ? `(${r.and.map(walk).join(' AND ')})` : 'TRUE';
		if ('or' in r) return r.or.length ? `(${r.or.map(walk).join(' OR ')})` : 'FALSE';
		if ('not' in r) return `(NOT ${walk(r.not)})`;
		return condition(r, bind);
	};
	return { sql: walk(rule), params };
}

type Bind = (value: unknown, cast: string) => string;

/** Above this many values an 'in' list becomes a semi-join. */
const LONG_LIST = 1000;
/** Up to this many values, contains_any/all become one list_contains per value. */
const FEW_VALUES = 20;

function condition(c: Condition, bind: Bind): string {
	const positive = NEGATED[c.op];
	if (positive) return `(NOT ${condition({ ...c, op: positive }, bind)})`;
	// Two-valued logic: a comparison with a missing value is false, so NOT of it is true.
	return `coalesce(${positiveCondition(c, bind)}, FALSE)`;
}

function positiveCondition(c: Condition, bind: Bind): string {
	const field = fieldByKey(c.field);
	if (!field) throw new Error(`unknown field '${c.field}'`);
	const col = fieldColumn(field.key);
	const cast = { number: 'DOUBLE', category: 'VARCHAR', date: 'DATE', boolean: 'BOOLEAN', list: 'VARCHAR' }[
		field.type
	];
	const v = c.value;
	// Numbers travel as text cast to DOUBLE: the driver would bind a whole JS number as BIGINT and reject big ones.
	const scalar = (x: unknown) =>
		field.type === 'number' ? bind(String(x), 'VARCHAR::DOUBLE') : bind(x, cast);
	const list = (xs: unknown[]) =>
		field.type === 'number'
			? bind(listValue(xs.map((x) => String(x))), 'VARCHAR[]::DOUBLE[]')
			: bind(listValue(xs.map((x) => String(x))), `VARCHAR[]`);
	const op: Operator = c.op;
	switch (op) {
		case 'is_set':
			return field.type === 'list' ? `len(${col}) > 0` : `${col} IS NOT NULL`;
		case '=':
			return `${col} = ${scalar(v)}`;
		case '>':
		case 'after':
			return `${col} > ${scalar(v)}`;
		case '>=':
			return `${col} >= ${scalar(v)}`;
		case '<':
		case 'before':
			return `${col} < ${scalar(v)}`;
		case '<=':
			return `${col} <= ${scalar(v)}`;
		case 'between': {
			const [lo, hi] = v as [unknown, unknown];
			return `${col} BETWEEN ${scalar(lo)} AND ${scalar(hi)}`;
		}
		case 'in': {
			const xs = v as unknown[];
			const needle = field.type === 'number' ? `${col}::DOUBLE` : col;
			// Short lists: list_contains on the bound list is the fastest scan; long lists (e.g. the customer ids of
			// a migration flow) become a semi-join on the unnested list.
			return xs.length <= LONG_LIST
				? `list_contains(${list(xs)}, ${needle})`
				: `${needle} IN (SELECT unnest(${list(xs)}))`;
		}
		case 'within_last_days':
			// The window is the N days before the as-of date (as_of itself is the day after the data ends).
			return `(${col} >= f.as_of - ${bind(v, 'INTEGER')} AND ${col} < f.as_of)`;
		case 'within_next_days':
			return `(${col} >= f.as_of AND ${col} < f.as_of + ${bind(v, 'INTEGER')})`;
		case 'contains':
			return `list_contains(${col}, ${scalar(v)})`;
		case 'contains_any':
		case 'contains_all': {
			// One list_contains per value is several times faster than list_has_any/all on a list column.
			const xs = v as unknown[];
			if (xs.length > FEW_VALUES) {
				return `${op === 'contains_any' ? 'list_has_any' : 'list_has_all'}(${col}, ${list(xs)})`;
			}
			const parts = xs.map((x) => `list_contains(${col}, ${scalar(x)})`);
			return `(${parts.join(op === 'contains_any' ? ' OR ' : ' AND ')})`;
		}
		default:
			throw new Error(`operator '${op}' has no SQL form`);
	}
}
