import { z } from 'zod';
import type { Database } from '../db';
import { entryState } from '../derived/registry';
import { recordMembership } from './membership';
import { parseRule, type Rule } from './rule';

/**
 * How a saved list keeps its members: 'rule' = a living list, its rule evaluated again at each refresh (history in
 * list_membership); 'snapshot' = exactly the customers it had when saved (a rule of their ids).
 */
export const LIST_KINDS = ['rule', 'snapshot'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Saved lists (table saved_segments): a name, a description, a rule and its kind. */
export interface SavedList {
	name: string;
	description: string | null;
	rule: Rule;
	kind: ListKind;
	createdAt: string;
	updatedAt: string;
}

export const listNameSchema = z
	.string()
	.trim()
	.min(1, 'a list name cannot be empty')
	.max(120, 'a list name has at most 120 characters');

export class ListNotFound extends Error {
	constructor(name: string) {
		super(`no saved list named '${name}'; run \`crm list list\` to see the saved lists`);
	}
}

export class ListExists extends Error {
	constructor(name: string) {
		super(`a list named '${name}' already exists; choose another name or replace it`);
	}
}

type Stored = {
	name: string;
	description: string | null;
	rule: string;
	kind: ListKind | null;
	created_at: string;
	updated_at: string;
};

const SELECT = `SELECT name, description, rule::VARCHAR AS rule, kind,
	strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, strftime(updated_at, '%Y-%m-%d %H:%M:%S') AS updated_at
	FROM saved_segments`;

function fromStored(r: Stored): SavedList {
	return {
		name: r.name,
		description: r.description,
		rule: JSON.parse(r.rule) as Rule,
		kind: r.kind ?? 'rule',
		createdAt: r.created_at,
		updatedAt: r.updated_at
	};
}

export async function savedLists(db: Database): Promise<SavedList[]> {
	return (await db.sql<Stored>(`${SELECT} ORDER BY lower(name), name`)).map(fromStored);
}

export async function getList(db: Database, name: string): Promise<SavedList> {
	const rows = await db.sql<Stored>(`${SELECT} WHERE name = $name`, { name });
	if (!rows[0]) throw new ListNotFound(name);
	return fromStored(rows[0]);
}

/**
 * Creates or replaces a saved list (the rule is checked first). Replacing keeps created_at and moves
 * updated_at; `overwrite: false` refuses to replace an existing name.
 */
export async function saveList(
	db: Database,
	input: { name: string; description?: string | null; rule: unknown; kind?: ListKind },
	options: { overwrite?: boolean } = {}
): Promise<SavedList> {
	const name = listNameSchema.parse(input.name);
	const rule = parseRule(input.rule);
	const description = input.description?.trim() || null;
	const kind = input.kind ?? 'rule';
	await db.transaction(async (s) => {
		const existing = await s.sql<{ n: number }>(
			'SELECT count(*)::INTEGER AS n FROM saved_segments WHERE name = $name',
			{
				name
			}
		);
		if ((existing[0]?.n ?? 0) > 0) {
			if (options.overwrite === false) {
				throw new ListExists(name);
			}
			await s.exec(
				`UPDATE saved_segments SET description = $description, rule = $rule::JSON, kind = $kind,
				   updated_at = current_timestamp
				 WHERE name = $name`,
				{ name, description, rule: JSON.stringify(rule), kind }
			);
		} else {
			await s.exec(
				`INSERT INTO saved_segments (name, description, rule, kind)
				 VALUES ($name, $description, $rule::JSON, $kind)`,
				{ name, description, rule: JSON.stringify(rule), kind }
			);
		}
	});
	// a living list's history starts when it is saved (then moves at each refresh)
	if (kind === 'rule' && (await entryState(db, 'segments')).builtFor !== null) {
		await db.exec('DELETE FROM list_membership WHERE list_name = $name', { name });
		await recordMembership(db, name, rule);
	}
	return getList(db, name);
}

export async function deleteList(db: Database, name: string): Promise<void> {
	const rows = await db.sql<{ name: string }>(
		'DELETE FROM saved_segments WHERE name = $name RETURNING name',
		{
			name
		}
	);
	if (!rows[0]) throw new ListNotFound(name);
	await db.exec('DELETE FROM list_membership WHERE list_name = $name', { name });
}
