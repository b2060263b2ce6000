import { describe, expect, it } from 'vitest';
import { StatementTimeoutError, withStatementBudget, withoutStatementBudget } from '../../src/lib/server/db';
import { Database } from '../../src/lib/server/db';

describe('statement budget (connection interrupt)', () => {
	it('stops a statement over its budget with a reason, and the connection answers the next one', async () => {
		const db = await Database.open({ path: ':memory:', poolSize: 1, memoryLimit: '256MB', threads: 2 });
		try {
			const slow = 'SELECT count(*) AS n FROM range(100000000000) a';
			const t = performance.now();
			const err = await withStatementBudget(200, () => db.sql(slow)).catch((e: unknown) => e);
			expect(err).toBeInstanceOf(StatementTimeoutError);
			expect((err as Error).message).toMatch(/took longer than 0.2 s/);
			expect(performance.now() - t).toBeLessThan(2000);
			const [r] = await withStatementBudget(200, () =>
				withoutStatementBudget(() => db.sql<{ n: number }>('SELECT 1 AS n'))
			);
			expect(r!.n).toBe(1);
			const [limits] = await db.sql<{ t: number }>("SELECT current_setting('threads')::INTEGER AS t");
			expect(limits!.t).toBe(2);
		} finally {
			db.close();
		}
	});
});
