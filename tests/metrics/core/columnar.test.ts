import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Session } from '../../../src/lib/server/db';
import { cell, readColumns } from '../../../src/lib/server/metrics/columnar';
import { tempDb } from '../../helpers/db';

/** The columns of readColumns back as row objects (keys in column order), to compare with Session.sql's rows. */
async function readRows(s: Session, sql: string, params: Record<string, unknown>) {
	const { names, rowCount, columns } = await readColumns(s, sql, params);
	return Array.from({ length: rowCount }, (_, i) =>
		Object.fromEntries(names.map((n) => [n, cell(columns[n]!, i)]))
	);
}

describe('readColumns: results read column by column equal the row reader (Session.sql)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
	});
	afterAll(() => cleanup());

	// Several chunks (5,000 rows > 2,048), NULLs in every column, a BIGINT beyond 2^53, only the parameters used bound.
	const SQL = `SELECT i::INTEGER AS i, (i * 1.5)::DOUBLE AS d, CASE WHEN i % 7 = 0 THEN NULL ELSE 'v' || i END AS s,
			i % 2 = 0 AS b, CASE WHEN i % 5 = 0 THEN NULL ELSE i::BIGINT * $mult::BIGINT END AS big,
			CASE WHEN i % 3 = 0 THEN NULL ELSE i / 3 END AS q,
			CASE WHEN i = 4999 THEN 9007199254740993::BIGINT ELSE 0::BIGINT END AS huge,
			-(i::BIGINT) * 1000000007 AS neg, CASE WHEN i = 3 THEN -9007199254740993::BIGINT END AS neg_huge,
			CASE WHEN i % 4 = 1 THEN NULL ELSE 'r' || (i // 100) END AS rep,
			CASE WHEN i % 9 = 4 THEN NULL ELSE 'Thành phố số ' || (i // 50) END AS long_rep
		FROM range(5000) t(i) ORDER BY i`;

	it('same values, same keys in the same order, over several chunks', async () => {
		const params = { mult: 3, unused: 'x' };
		const rows = await db.withSession((s) => readRows(s, SQL, params));
		const expected = await db.sql(SQL, { mult: 3 });
		expect(rows.length).toBe(5000);
		expect(rows).toEqual(expected);
		expect(Object.keys(rows[0]!)).toEqual([
			'i',
			'd',
			's',
			'b',
			'big',
			'q',
			'huge',
			'neg',
			'neg_huge',
			'rep',
			'long_rep'
		]);
		// runs of equal strings (short and long) with NULLs inside the runs
		expect(rows.slice(0, 4).map((r) => r.rep)).toEqual(['r0', null, 'r0', 'r0']);
		expect(rows.slice(3, 6).map((r) => r.long_rep)).toEqual(['Thành phố số 0', null, 'Thành phố số 0']);
		expect(rows[4998]!.long_rep).toBe('Thành phố số 99');
		expect(rows[7]!.s).toBeNull();
		expect(rows[4999]!.huge).toBe(9007199254740993n);
		expect(rows[4998]!.big).toBe(4998 * 3);
		expect(rows[4998]!.neg).toBe(-4998 * 1000000007);
		expect(rows[3]!.neg_huge).toBe(-9007199254740993n);
	});

	it('refuses a non-scalar column, naming it', async () => {
		await expect(
			db.withSession((s) => readColumns(s, "SELECT DATE '2025-01-01' AS day", {}))
		).rejects.toThrow(/column 'day' is DATE/);
	});
});
