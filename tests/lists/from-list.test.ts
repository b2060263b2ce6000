import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { customerListSchema } from '../../src/lib/server/customers/list-params';
import { listCustomers } from '../../src/lib/server/customers/search';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { saveCustomersAsList } from '../../src/lib/server/lists/from-list';
import { listMembers } from '../../src/lib/server/lists/preview';
import { getList } from '../../src/lib/server/lists/saved';
import { tempDb } from '../helpers/db';

/** Every chart click-through lands on a customer list; saving that list must keep exactly its customers. */
describe('saving a customer list (any chart element) as a list', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await tempDb();
		db = t.db;
		cleanup = t.cleanup;
		await generateDemo(db, { customers: 600, seed: 11 });
		await refreshDerived(db);
	});
	afterAll(() => cleanup());

	const selections: Record<string, Record<string, string>> = {
		'an R x F cell': { r: '5', f: '1' },
		'a lifecycle stage': { lifecycle: 'at_risk' },
		'a cohort cell (on or after)': { cohort: '2024-03', period: 'month', k: '2', mode: 'on_or_after' },
		'a funnel step': { funnel_step: 'repeat_purchase' },
		'a segment in one region': { segment: 'champions', region: 'Hà Nội' }
	};

	for (const [what, query] of Object.entries(selections)) {
		it(`keeps exactly the customers of ${what}`, async () => {
			const params = customerListSchema.parse(query);
			const all = await listCustomers(db, { ...params, page: 1, page_size: 100_000 });
			if (all.total === 0) {
				await expect(saveCustomersAsList(db, params, { name: `empty ${what}` })).rejects.toThrow(
					/no customers/
				);
				return;
			}
			const { list, customers } = await saveCustomersAsList(db, params, { name: `from ${what}` });
			expect(customers).toBe(all.total);
			const saved = await getList(db, list.name);
			expect(saved.description).toMatch(/saved from the customer list/);
			const members = await listMembers(db, saved.rule);
			expect([...members].sort()).toEqual(all.rows.map((r) => r.customer_id).sort());
		});
	}

	it('the R x F cell list is not empty on the sample, so the equality above is exercised', async () => {
		const all = await listCustomers(db, customerListSchema.parse({ r: '5', f: '1' }));
		expect(all.total).toBeGreaterThan(0);
	});
});
