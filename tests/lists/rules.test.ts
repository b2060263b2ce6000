import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { compileRule } from '../../src/lib/server/lists/compile';
import { FIELDS, type FieldDef } from '../../src/lib/server/lists/fields';
import { listMembers, previewList } from '../../src/lib/server/lists/preview';
import {
	OPERATORS_BY_TYPE,
	RuleError,
	parseRule,
	type Operator,
	type Rule
} from '../../src/lib/server/lists/rule';
import { tempDb } from '../helpers/db';
import { CHANNELS, seedCustomers } from './fixture';
import { naiveMatches, type FeatureRow } from './naive';

const HOSTILE = [
	"'",
	"''; DROP TABLE canary; --",
	'"; DELETE FROM canary; /*',
	'*/ OR 1=1 --',
	'$r0',
	'$1',
	'\\',
	'\u0000',
	'Hà Nội\u0301',
	'🧨💥',
	'\uD800',
	'x'.repeat(10_000),
	"O'Brien; DROP TABLE canary; --"
];

let db: Database;
let cleanup: () => void;
let rows: FeatureRow[];

beforeAll(async () => {
	const t = await tempDb();
	db = t.db;
	cleanup = t.cleanup;
	await seedCustomers(db, 400);
	await db.exec('CREATE TABLE canary (id INTEGER, note VARCHAR)');
	await db.exec("INSERT INTO canary VALUES (1, 'alive'), (2, 'still alive')");
	rows = await db.sql<FeatureRow>('SELECT * FROM customer_features ORDER BY customer_id');
});
afterAll(() => cleanup?.());

const naiveMembers = (rule: Rule) =>
	rows.filter((r) => naiveMatches(rule, r)).map((r) => r.customer_id as string);

const iso = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d));

/** Values that occur in the data for a field (so conditions split the base), in order. */
function pool(field: FieldDef): unknown[] {
	if (field.type === 'list') return CHANNELS;
	const vals = rows.map((r) => r[field.key]).filter((v) => v !== null && v !== undefined);
	const out = field.type === 'date' ? vals.map(iso) : vals;
	return [...new Set(out as (string | number | boolean)[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** One sensible value for each operator of a field, drawn from the data. */
function valueFor(field: FieldDef, op: Operator): unknown {
	const p = pool(field);
	const mid = p[Math.floor(p.length / 2)];
	const q1 = p[Math.floor(p.length / 4)];
	const q3 = p[Math.floor((3 * p.length) / 4)];
	switch (op) {
		case 'is_set':
		case 'is_not_set':
			return undefined;
		case 'between':
			return [q1, q3];
		case 'in':
		case 'not_in':
			return [q1, mid, field.type === 'number' ? -123456.5 : 'no such value'];
		case 'within_last_days':
		case 'not_within_last_days':
		case 'within_next_days':
			return 120;
		case 'contains':
		case 'not_contains':
			return 'email';
		case 'contains_any':
			return ['zalo', 'store'];
		case 'contains_all':
			return ['web', 'email'];
		default:
			return field.type === 'boolean' ? true : mid;
	}
}

describe('rule compiler against the naive evaluation', () => {
	it('the fixture has data for every field', () => {
		expect(rows.length).toBe(400);
		for (const f of FIELDS) expect(pool(f).length, f.key).toBeGreaterThan(1);
	});

	for (const field of FIELDS) {
		it(`every operator of ${field.key} (${field.type}) selects the same members`, async () => {
			let splits = 0;
			for (const op of OPERATORS_BY_TYPE[field.type]) {
				const value = valueFor(field, op);
				const rule = parseRule(
					value === undefined ? { field: field.key, op } : { field: field.key, op, value }
				);
				const expected = naiveMembers(rule);
				expect(await listMembers(db, rule), `${field.key} ${op} ${JSON.stringify(value)}`).toEqual(expected);
				if (expected.length > 0 && expected.length < rows.length) splits++;
			}
			// The data must exercise the field: at least one operator keeps some customers and drops others.
			expect(splits).toBeGreaterThan(0);
		});
	}

	it('hostile text stored in the data is matched exactly, as data', async () => {
		const rule = parseRule({ field: 'region', op: '=', value: "O'Brien; DROP TABLE canary; --" });
		const members = await listMembers(db, rule);
		expect(members.length).toBeGreaterThan(0);
		expect(members).toEqual(naiveMembers(rule));
	});

	it('long and short value lists (semi-join and list_contains paths) agree', async () => {
		const ids = rows.filter((_, i) => i % 3 === 0).map((r) => r.customer_id as string);
		const long = [...ids, ...Array.from({ length: 1200 }, (_, i) => `nobody-${i}`)];
		for (const value of [long, ids.slice(0, 5)]) {
			for (const op of ['in', 'not_in'] as const) {
				const rule = parseRule({ field: 'customer_id', op, value });
				expect(await listMembers(db, rule)).toEqual(naiveMembers(rule));
			}
		}
		const many = parseRule({
			field: 'channels_used',
			op: 'contains_any',
			value: [...CHANNELS, ...Array(30).fill('x')]
		});
		expect(await listMembers(db, many)).toEqual(naiveMembers(many));
	});

	it('random rule trees select the same members as the naive evaluation', async () => {
		await fc.assert(
			fc.asyncProperty(ruleArb(false), async (rule) => {
				const parsed = parseRule(rule);
				expect(await listMembers(db, parsed)).toEqual(naiveMembers(parsed));
			}),
			{ numRuns: 150 }
		);
	});

	it('hostile strings never break the SQL and never reach it as text', async () => {
		await fc.assert(
			fc.asyncProperty(ruleArb(true), async (rule) => {
				const parsed = parseRule(rule);
				const compiled = compileRule(parsed);
				for (const s of HOSTILE.filter((h) => h.length > 1 && h.length < 100 && !h.startsWith('$'))) {
					expect(compiled.sql).not.toContain(s);
				}
				const preview = await previewList(db, parsed, 5);
				const expected = naiveMembers(parsed);
				expect(preview.members).toBe(expected.length);
			}),
			{ numRuns: 120 }
		);
		const canary = await db.sql('SELECT * FROM canary ORDER BY id');
		expect(canary).toEqual([
			{ id: 1, note: 'alive' },
			{ id: 2, note: 'still alive' }
		]);
		const n = await db.sql<{ n: number }>('SELECT count(*)::INTEGER AS n FROM customer_features');
		expect(n[0]?.n).toBe(400);
	});

	it('arbitrary JSON is either rejected with a RuleError or runs', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 4 }), ruleArb(true).map(mangle)), async (input) => {
				let rule: Rule;
				try {
					rule = parseRule(input);
				} catch (e) {
					expect(e).toBeInstanceOf(RuleError);
					return;
				}
				await listMembers(db, rule);
			}),
			{ numRuns: 200 }
		);
		expect(await db.sql('SELECT count(*)::INTEGER AS n FROM canary')).toEqual([{ n: 2 }]);
	});
});

describe('rule validation', () => {
	it('names the unknown field, the wrong operator and the wrong value', () => {
		expect(() => parseRule({ field: 'password', op: '=', value: 'x' })).toThrow(/unknown field 'password'/);
		expect(() => parseRule({ field: 'region', op: '>', value: 'x' })).toThrow(/'>' does not apply to region/);
		expect(() => parseRule({ field: 'p_alive', op: '>=', value: '0.7' })).toThrow(/needs a number/);
		expect(() => parseRule({ field: 'last_email_open_at', op: 'before', value: '2024-02-30' })).toThrow(
			/YYYY-MM-DD/
		);
		expect(() => parseRule({ field: 'region', op: 'in', value: [] })).toThrow(/a list of 1/);
		expect(() => parseRule('{"and": [')).toThrow(/not valid JSON/);
	});

	it('refuses rules nested too deep without overflowing the stack', () => {
		let deep: unknown = { field: 'orders', op: '>', value: 1 };
		for (let i = 0; i < 5000; i++) deep = { not: deep };
		expect(() => parseRule(deep)).toThrow(/nest deeper/);
	});
});

describe('generated SQL (snapshots)', () => {
	const cases: Record<string, Rule> = {
		'loyal in Hà Nội, alive, opened an email in 30 days, email consent': {
			and: [
				{ field: 'rfm_segment', op: 'in', value: ['loyal_customers', 'champions'] },
				{ field: 'region', op: '=', value: 'Hà Nội' },
				{ field: 'p_alive', op: '>', value: 0.7 },
				{ field: 'last_email_open_at', op: 'within_last_days', value: 30 },
				{ field: 'consent_email', op: '=', value: true }
			]
		},
		'nested or / not, lists and dates': {
			or: [
				{ not: { field: 'channels_used', op: 'contains_any', value: ['zalo', 'email'] } },
				{
					and: [
						{ field: 'expected_next_order', op: 'within_next_days', value: 14 },
						{ field: 'churn_band', op: '!=', value: 'high' },
						{ field: 'age', op: 'between', value: [25, 34] },
						{ field: 'signup_at', op: 'is_not_set' }
					]
				}
			]
		},
		'empty groups': { and: [{ or: [] }, { and: [] }] }
	};
	for (const [name, rule] of Object.entries(cases)) {
		it(name, () => {
			const c = compileRule(parseRule(rule));
			expect({ sql: c.sql, params: JSON.parse(JSON.stringify(c.params)) as unknown }).toMatchSnapshot();
		});
	}
});

/** Random well-formed rule trees; with `hostile`, text values come from hostile and random strings. */
function ruleArb(hostile: boolean): fc.Arbitrary<Rule> {
	const text = hostile
		? fc.oneof(
				fc.constantFrom(...HOSTILE),
				fc.string({ unit: 'binary', maxLength: 40 }),
				fc.string({ unit: 'grapheme', maxLength: 20 })
			)
		: fc.string({ maxLength: 8 });
	const valueArb = (field: FieldDef, op: Operator): fc.Arbitrary<unknown> => {
		const p = pool(field);
		const scalar: fc.Arbitrary<unknown> =
			field.type === 'number'
				? fc.oneof(fc.constantFrom(...p), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer())
				: field.type === 'date'
					? fc.oneof(
							fc.constantFrom(...p),
							fc
								.date({ min: new Date('2019-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
								.map((d) => d.toISOString().slice(0, 10))
						)
					: field.type === 'boolean'
						? fc.boolean()
						: fc.oneof(fc.constantFrom(...p), text);
		switch (op) {
			case 'is_set':
			case 'is_not_set':
				return fc.constant(undefined);
			case 'between':
				return fc.tuple(scalar, scalar);
			case 'in':
			case 'not_in':
			case 'contains_any':
			case 'contains_all':
				return fc.array(scalar, { minLength: 1, maxLength: 4 });
			case 'within_last_days':
			case 'not_within_last_days':
			case 'within_next_days':
				return fc.integer({ min: 1, max: 1000 });
			default:
				return scalar;
		}
	};
	const condition = fc
		.constantFrom(...FIELDS)
		.chain((field) =>
			fc
				.constantFrom(...OPERATORS_BY_TYPE[field.type])
				.chain((op) =>
					valueArb(field, op).map((value): Rule =>
						value === undefined ? { field: field.key, op } : { field: field.key, op, value }
					)
				)
		);
	const tree = fc.letrec<{ rule: Rule; and: Rule; or: Rule; not: Rule }>((tie) => ({
		rule: fc.oneof({ maxDepth: 4, depthIdentifier: 'rule' }, condition, tie('and'), tie('or'), tie('not')),
		and: fc.record({ and: fc.array(tie('rule'), { maxLength: 4 }) }),
		or: fc.record({ or: fc.array(tie('rule'), { maxLength: 4 }) }),
		not: fc.record({ not: tie('rule') })
	}));
	return tree.rule;
}

/** Breaks a rule in one place: a hostile field name, an operator from elsewhere, a value of the wrong type. */
function mangle(rule: Rule): unknown {
	const json = JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
	if ('field' in json) return { ...json, field: `${String(json.field)}"; DROP TABLE canary; --` };
	if ('and' in json)
		return { and: [{ field: 'region', op: 'contains', value: 1 }, ...(json.and as unknown[])] };
	if ('or' in json)
		return { or: [{ field: 'orders', op: 'between', value: [1] }, ...(json.or as unknown[])] };
	return { not: json.not, extra: "'; --" };
}
