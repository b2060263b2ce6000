import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { customerListSchema } from '../../src/lib/server/customers/list-params';
import { listCustomers } from '../../src/lib/server/customers/search';
import { refreshDerived } from '../../src/lib/server/pipeline';
import { saveCustomersAsList } from '../../src/lib/server/lists/from-list';
import { membershipHistory } from '../../src/lib/server/lists/membership';
import { listMembers } from '../../src/lib/server/lists/preview';
import { getList } from '../../src/lib/server/lists/saved';
import { tempDb } from '../helpers/db';

/** A list saved from an R×F cell: living = the cell's members on each new date, snapshot = the old members. */
describe('living lists and snapshots', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		({ db, cleanup } = await tempDb());
		await generateDemo(db, { customers: 800, seed: 11 });
		await refreshDerived(db);
	}, 240_000);
	afterAll(() => cleanup?.());

	const cellIds = async (r: number, f: number) =>
		(
			await listCustomers(db, {
				...customerListSchema.parse({ r: String(r), f: String(f) }),
				page: 1,
				page_size: 100_000
			})
		).rows
			.map((x) => x.customer_id)
			.sort();

	it('follows the cell after new data (living) or keeps exactly the old members (snapshot)', async () => {
		const params = customerListSchema.parse({ r: '5', f: '2' });
		const before = await cellIds(5, 2);
		expect(before.length).toBeGreaterThan(0);
		const living = await saveCustomersAsList(db, params, { name: 'cell living' });
		const snapshot = await saveCustomersAsList(db, params, { name: 'cell snapshot', snapshot: true });
		expect(living.list.kind).toBe('rule');
		expect(living.list.rule).toEqual({
			and: [
				{ field: 'r_score', op: '=', value: 5 },
				{ field: 'f_score', op: '=', value: 2 }
			]
		});
		expect(snapshot.list.kind).toBe('snapshot');
		await refreshDerived(db, undefined); // nothing new: builds nothing
		// new data: 45 days later, a purchase by a third of the cell's members and by others
		await db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, order_id, amount)
			 SELECT concat('live-', customer_id), customer_id,
			   (SELECT max(occurred_at) FROM interactions) + INTERVAL 45 DAY, 'purchase', 'web', concat('L-', customer_id), 300000
			 FROM customers WHERE hash(customer_id) % 3 = 0`
		);
		const steps = await refreshDerived(db);
		expect(steps.find((s) => s.name === 'list-membership')?.skipped).toBeFalsy();
		const after = await cellIds(5, 2);
		expect(after).not.toEqual(before);
		expect([...(await listMembers(db, (await getList(db, 'cell living')).rule))].sort()).toEqual(after);
		expect([...(await listMembers(db, (await getList(db, 'cell snapshot')).rule))].sort()).toEqual(before);
		// the living list's history: who joined and who left at the new date
		const history = await membershipHistory(db, 'cell living');
		expect(history[0]!.joined).toBe(before.length);
		const last = history[history.length - 1]!;
		expect(last.joined).toBe(after.filter((id) => !before.includes(id)).length);
		expect(last.left).toBe(before.filter((id) => !after.includes(id)).length);
		expect(await membershipHistory(db, 'cell snapshot')).toEqual([]);
	}, 240_000);

	it('keeps a selection without a rule (a search) as a snapshot', async () => {
		const params = customerListSchema.parse({ q: 'C00001' });
		const { list } = await saveCustomersAsList(db, params, { name: 'search' });
		expect(list.kind).toBe('snapshot');
	});
});
