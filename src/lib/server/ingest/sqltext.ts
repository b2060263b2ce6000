import { loadQuery } from '../db';

/**
 * A column name from the input file as a SQL identifier. File headers are data, so they only ever reach SQL
 * through this quoting (double quotes doubled), never as bare text.
 */
export function quoteIdent(name: string): string {
	if (name.includes('\u0000')) throw new Error('a column name contains a NUL character');
	return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Fills {{name}} placeholders of a queries/ template with SQL fragments made by our code. Every placeholder must
 * be given, so a renamed placeholder fails loudly instead of leaving braces in the SQL. Header comments name the
 * placeholders without braces (a fragment may span lines, which would end a comment).
 */
export function renderQuery(name: string, parts: Record<string, string>): string {
	return loadQuery(name).replace(/\{\{([a-z_.]+)\}\}/g, (_m, key: string) => {
		const part = parts[key];
		if (part === undefined) throw new Error(`query template ${name}: no value for {{${key}}}`);
		return part;
	});
}
