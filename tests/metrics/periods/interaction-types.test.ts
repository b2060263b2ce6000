import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import {
	csatByChannel,
	interactionTypeCounts,
	interactionTypes,
	ticketPeriods
} from '../../../src/lib/server/metrics';
import { absentTypes, missingTypes } from '../../../src/lib/components/interaction-types';
import { KPI_CUSTOMERS, KPI_EVENTS } from './data';
import { fixtureDb } from './fixture';

/*
 * Which interaction types the whole database holds, so that an empty panel can say "this data has no surveys"
 * instead of "no data for these filters". The KPI fixture's orders alone (purchases and a refund, no visit, survey or
 * ticket), then the same database with a survey answer added.
 */
describe('interaction types present in the data', () => {
	let orders: { db: Database; cleanup: () => void };
	beforeAll(async () => {
		orders = await fixtureDb(
			KPI_EVENTS.filter((e) => e.type !== 'web_visit'),
			KPI_CUSTOMERS
		);
	});
	afterAll(() => orders?.cleanup());

	it('a file of orders holds purchases and refunds only, with their counts', async () => {
		expect(await interactionTypeCounts(orders.db)).toEqual([
			{ type: 'purchase', interactions: 8 },
			{ type: 'refund', interactions: 1 }
		]);
		const types = await interactionTypes(orders.db);
		expect(types).toEqual(['purchase', 'refund']);
		// the CSAT and ticket panels are empty for every filter, and the reason is the data, not the filters
		expect(await csatByChannel(orders.db, {})).toEqual([]);
		expect((await ticketPeriods(orders.db, { period: 'month' })).filter((r) => r.tickets > 0)).toEqual([]);
		expect(missingTypes(['survey'], types)).toEqual(['survey']);
		expect(missingTypes(['support_ticket'], types)).toEqual(['support_ticket']);
		// a panel of purchases or refunds that is empty is empty because of the filters
		expect(missingTypes(['purchase', 'refund'], types)).toEqual([]);
		expect(missingTypes(['survey', 'refund'], types)).toEqual([]);
		expect(absentTypes(['purchase', 'web_visit', 'survey'], types)).toEqual(['web_visit', 'survey']);
		// not known: no reason is claimed
		expect(missingTypes(['survey'], null)).toEqual([]);
		expect(absentTypes(['survey'], null)).toEqual([]);
	});

	it('the kept answer follows the data: a survey added makes surveys present', async () => {
		expect(await interactionTypes(orders.db)).not.toContain('survey');
		await orders.db.exec(
			`INSERT INTO interactions (interaction_id, customer_id, occurred_at, type, channel, csat)
			 VALUES ('s1', 'a', TIMESTAMP '2024-03-02 09:00:00', 'survey', 'email', 4)`
		);
		const types = await interactionTypes(orders.db);
		expect(types).toEqual(['purchase', 'refund', 'survey']);
		expect(missingTypes(['survey'], types)).toEqual([]);
	});
});
