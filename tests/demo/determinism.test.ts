import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { demoContentHash, generateDemo, resolveDemoOptions } from '../../src/lib/server/demo';
import { tempDb } from '../helpers/db';

/** One hash per table over every column of every row, in id order. */
async function tableHashes(db: Database): Promise<{ customers: string; interactions: string }> {
	const [row] = await db.sql<{ customers: string; interactions: string }>(
		`SELECT
			(SELECT md5(string_agg(md5(c::VARCHAR), '' ORDER BY customer_id)) FROM customers c) AS customers,
			(SELECT md5(string_agg(md5(i::VARCHAR), '' ORDER BY interaction_id)) FROM interactions i) AS interactions`
	);
	return row!;
}

describe('crm demo is deterministic', () => {
	const cleanups: (() => void)[] = [];
	afterEach(() => cleanups.splice(0).forEach((c) => c()));

	async function generated(seed: number, customers = 500) {
		const t = await tempDb();
		cleanups.push(t.cleanup);
		await generateDemo(t.db, { customers, seed });
		return tableHashes(t.db);
	}

	it('gives identical rows for the same seed and different rows for another', async () => {
		const a = await generated(5);
		const b = await generated(5);
		const c = await generated(6);
		expect(b).toEqual(a);
		expect(c.customers).not.toBe(a.customers);
		expect(c.interactions).not.toBe(a.interactions);
	});

	it('gives customer i the same profile whatever the number of customers', async () => {
		const small = await tempDb();
		cleanups.push(small.cleanup);
		await generateDemo(small.db, { customers: 50, seed: 9 });
		const large = await tempDb();
		cleanups.push(large.cleanup);
		await generateDemo(large.db, { customers: 300, seed: 9 });
		const q =
			"SELECT * EXCLUDE (ingest_id) FROM customers WHERE customer_id <= 'C0000050' ORDER BY customer_id";
		expect(await large.db.sql(q)).toEqual(await small.db.sql(q));
	});

	it('hashes the options, not the time of the run, into the ingests row', () => {
		const o = resolveDemoOptions({ customers: 100, seed: 1 });
		expect(demoContentHash(o)).toBe(demoContentHash(resolveDemoOptions({ customers: 100, seed: 1 })));
		expect(demoContentHash(o)).not.toBe(demoContentHash(resolveDemoOptions({ customers: 100, seed: 2 })));
	});

	it('leaves the database unchanged when generation fails', async () => {
		const t = await tempDb();
		cleanups.push(t.cleanup);
		await generateDemo(t.db, { customers: 100, seed: 1 });
		const before = await tableHashes(t.db);
		// A primary-key clash on customers makes the second run fail after it has appended its rows.
		await expect(generateDemo(t.db, { customers: 100, seed: 2 })).rejects.toThrow();
		expect(await tableHashes(t.db)).toEqual(before);
		const [n] = await t.db.sql<{ n: number }>('SELECT count(*) AS n FROM ingests');
		expect(n!.n).toBe(1);
	});

	it('replaces existing data in one step with replace: true', async () => {
		const t = await tempDb();
		cleanups.push(t.cleanup);
		await generateDemo(t.db, { customers: 100, seed: 1 });
		await generateDemo(t.db, { customers: 120, seed: 3 }, { replace: true });
		const [c] = await t.db.sql<{ n: number; files: number }>(
			'SELECT (SELECT count(*) FROM customers) AS n, (SELECT count(*) FROM ingests) AS files'
		);
		expect(c).toEqual({ n: 120, files: 1 });
	});
});
