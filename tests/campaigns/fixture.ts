import { generateDemo } from '../../src/lib/server/demo';
import type { Database } from '../../src/lib/server/db';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { saveList } from '../../src/lib/server/lists/saved';

/** The demo data (seed 5) refreshed, with a saved list of every buyer ('buyers'). */
export async function demoWithBuyers(db: Database, customers: number): Promise<{ lastDay: string }> {
	await generateDemo(db, { customers, seed: 5 });
	await refreshDerived(db);
	await saveList(db, { name: 'buyers', rule: { field: 'orders', op: '>=', value: 1 } });
	const rows = await db.sql<{ d: string }>(
		`SELECT strftime(max(occurred_at), '%Y-%m-%d') AS d FROM interactions`
	);
	return { lastDay: rows[0]!.d };
}

export function addDays(day: string, n: number): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}
