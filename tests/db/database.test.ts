import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { Database, latestSchemaVersion } from '../../src/lib/server/db';
import { migrations } from '../../src/lib/server/db/schema';
import { tempDb } from '../helpers/db';

describe('database', () => {
	let cleanup: (() => void) | undefined;
	afterEach(() => cleanup?.());

	it('applies the schema on open and records its version', async () => {
		const t = await tempDb();
		cleanup = t.cleanup;
		const rows = await t.db.sql<{ v: number }>('SELECT max(version) AS v FROM schema_version');
		expect(rows[0]?.v).toBe(latestSchemaVersion());
		const tables = await t.db.sql<{ name: string }>(
			"SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
		);
		expect(tables.map((r) => r.name)).toEqual(
			expect.arrayContaining(['customers', 'interactions', 'quarantine', 'ingests', 'settings'])
		);
	});

	it('binds values as parameters: a hostile string is data, not SQL', async () => {
		const t = await tempDb();
		cleanup = t.cleanup;
		const evil = "x'); DROP TABLE customers; --";
		await t.db.exec('INSERT INTO customers (customer_id, name) VALUES ($1, $2)', ['c1', evil]);
		const rows = await t.db.sql<{ name: string }>('SELECT name FROM customers WHERE customer_id = $id', {
			id: 'c1'
		});
		expect(rows).toEqual([{ name: evil }]);
	});

	it('serves concurrent callers from the pool', async () => {
		const t = await tempDb();
		cleanup = t.cleanup;
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) => t.db.sql<{ v: number }>('SELECT $1::INTEGER * 2 AS v', [i]))
		);
		expect(results.map((r) => r[0]?.v)).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
	});

	it('rolls back a failed transaction completely', async () => {
		const t = await tempDb();
		cleanup = t.cleanup;
		await expect(
			t.db.transaction(async (s) => {
				await s.exec("INSERT INTO customers (customer_id) VALUES ('a')");
				throw new Error('boom');
			})
		).rejects.toThrow('boom');
		const rows = await t.db.sql<{ n: number }>('SELECT count(*) AS n FROM customers');
		expect(rows[0]?.n).toBe(0);
	});

	it('upgrades a database written by an older version instead of breaking it', async () => {
		const t = await tempDb();
		const path = t.path;
		// Simulate a version-0 database: a file with data but no schema_version table.
		t.db.close();
		const { rmSync } = await import('node:fs');
		rmSync(path, { force: true });
		const raw = await DuckDBInstance.create(path);
		const c = await raw.connect();
		await c.run('CREATE TABLE legacy_notes (note VARCHAR)');
		await c.run("INSERT INTO legacy_notes VALUES ('kept')");
		c.closeSync();
		raw.closeSync();
		const db = await Database.open({ path });
		cleanup = () => {
			db.close();
			rmSync(path, { force: true });
		};
		expect((await db.sql<{ note: string }>('SELECT note FROM legacy_notes'))[0]?.note).toBe('kept');
		expect((await db.sql<{ v: number }>('SELECT max(version) v FROM schema_version'))[0]?.v).toBe(
			latestSchemaVersion()
		);
		// Opening again applies nothing twice.
		db.close();
		const again = await Database.open({ path });
		expect((await again.sql<{ n: number }>('SELECT count(*) n FROM schema_version'))[0]?.n).toBe(
			migrations().length
		);
		again.close();
	});
});

describe('named parameters', () => {
	it('passes only the names a statement uses, so one filter object serves every query', async () => {
		const t = await tempDb();
		try {
			const rows = await t.db.sql<{ a: number; b: boolean }>('SELECT $a::INTEGER AS a, $bb IS NULL AS b', {
				a: 3,
				bb: null,
				unused: 'ignored',
				b: 'not $bb'
			});
			expect(rows).toEqual([{ a: 3, b: true }]);
		} finally {
			t.cleanup();
		}
	});
});

describe('schema versions', () => {
	it('applies a migration numbered into a gap below the newest applied one', async () => {
		const t = await tempDb();
		try {
			const all = migrations();
			expect(all.length).toBeGreaterThan(2);
			const gap = all[1]!;
			// Pretend a middle migration's row is missing, as if it had arrived after later ones were applied.
			await t.db.exec('DELETE FROM schema_version WHERE version = $1', [gap.version]);
			const { applyMigrations } = await import('../../src/lib/server/db/schema');
			const tables = await t.db.sql<{ n: number }>('SELECT count(*) AS n FROM information_schema.tables');
			// Re-applying a migration whose objects exist fails loudly rather than silently skipping it.
			await expect(t.db.withSession((s) => applyMigrations(s))).rejects.toThrow(/schema migration .* failed/);
			expect(
				(await t.db.sql<{ n: number }>('SELECT count(*) AS n FROM information_schema.tables'))[0]?.n
			).toBe(tables[0]?.n);
		} finally {
			t.cleanup();
		}
	});
});
