import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/server/db';
import { channelPeriods, csatByChannel, journeyFunnel, ticketPeriods } from '../../../src/lib/server/metrics';
import { fixtureDb, type Ev } from './fixture';

/*
 * Channels, CSAT, tickets and the journey funnel on a small hand-made set (as-of date 2024-02-11):
 *   p: web purchase 2024-01-02 100 and 2024-01-20 300 (two orders), store purchase 2024-02-05 50, web visit 01-03
 *   q: store purchase 2024-01-10 200, email_click 01-09, store refund 01-15 -50
 *   r: email_open 2024-01-05 only
 *   Tickets (web): opened 01-03 08:00 resolved 10:00 (2 h), 01-04 08:00 -> 12:00 (4 h), 01-06 08:00 -> 18:00 (10 h),
 *     one still open (01-07, no resolved_at), one resolved after the as-of date (counts as open).
 *   Surveys: web 5 and 4, store 1.
 */
const EVENTS: Ev[] = [
	{ c: 'p', at: '2024-01-02', amount: 100, channel: 'web' },
	{ c: 'p', at: '2024-01-20', amount: 300, channel: 'web' },
	{ c: 'p', at: '2024-02-05', amount: 50, channel: 'store' },
	{ c: 'p', at: '2024-01-03', type: 'web_visit', channel: 'web' },
	{ c: 'q', at: '2024-01-10', amount: 200, channel: 'store' },
	{ c: 'q', at: '2024-01-09', type: 'email_click', channel: 'email' },
	{ c: 'q', at: '2024-01-15', type: 'refund', amount: -50, channel: 'store' },
	{ c: 'r', at: '2024-01-05', type: 'email_open', channel: 'email' },
	{
		c: 'p',
		at: '2024-01-03 08:00:00',
		type: 'support_ticket',
		channel: 'web',
		resolved: '2024-01-03 10:00:00'
	},
	{
		c: 'q',
		at: '2024-01-04 08:00:00',
		type: 'support_ticket',
		channel: 'web',
		resolved: '2024-01-04 12:00:00'
	},
	{
		c: 'r',
		at: '2024-01-06 08:00:00',
		type: 'support_ticket',
		channel: 'web',
		resolved: '2024-01-06 18:00:00'
	},
	{ c: 'r', at: '2024-01-07 08:00:00', type: 'support_ticket', channel: 'web' },
	{
		c: 'p',
		at: '2024-02-10 08:00:00',
		type: 'support_ticket',
		channel: 'phone',
		resolved: '2024-02-20 08:00:00'
	},
	{ c: 'p', at: '2024-01-08', type: 'survey', channel: 'web', csat: 5 },
	{ c: 'q', at: '2024-01-08', type: 'survey', channel: 'web', csat: 4 },
	{ c: 'r', at: '2024-01-08', type: 'survey', channel: 'store', csat: 1 }
];

describe('channels, CSAT, tickets, funnel (hand-computed)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeAll(async () => {
		const t = await fixtureDb(EVENTS, [{ id: 'p', region: 'HN' }, { id: 'q', region: 'HCM' }, { id: 'r' }]);
		db = t.db;
		cleanup = t.cleanup;
	});
	afterAll(() => cleanup());

	it('interactions, customers and revenue by month, channel and type', async () => {
		const rows = await channelPeriods(db, { period: 'month' });
		const get = (period: string, channel: string, type: string) =>
			rows.find((r) => r.period === period && r.channel === channel && r.type === type);
		// January web: p's 2 purchases + visit + ticket + survey, q's ticket + survey, r's 2 tickets
		expect(get('2024-01-01', 'web', 'all')).toMatchObject({ interactions: 9, customers: 3, revenue: 400 });
		expect(get('2024-01-01', 'web', 'purchase')).toMatchObject({
			interactions: 2,
			customers: 1,
			revenue: 400
		});
		expect(get('2024-01-01', 'store', 'refund')).toMatchObject({
			interactions: 1,
			customers: 1,
			revenue: -50
		});
		expect(get('2024-01-01', 'store', 'all')).toMatchObject({ interactions: 3, customers: 2, revenue: 150 });
		expect(get('2024-01-01', 'email', 'email_open')).toMatchObject({ interactions: 1, customers: 1 });
		expect(get('2024-02-01', 'store', 'purchase')).toMatchObject({
			customers: 1,
			revenue: 50,
			complete: false
		});
		const storeOnly = await channelPeriods(db, { period: 'month', channel: 'STORE' });
		expect(new Set(storeOnly.map((r) => r.channel))).toEqual(new Set(['store']));
		const hn = await channelPeriods(db, { period: 'month', region: 'HN' });
		expect(
			hn.find((r) => r.period === '2024-01-01' && r.channel === 'web' && r.type === 'all')?.customers
		).toBe(1);
	});

	it('CSAT mean and distribution by channel, and over all channels', async () => {
		const rows = await csatByChannel(db, {});
		expect(rows.map((r) => r.channel)).toEqual(['all', 'store', 'web']);
		expect(rows[0]).toMatchObject({ responses: 3, n1: 1, n4: 1, n5: 1 });
		expect(rows[0]!.mean).toBeCloseTo(10 / 3, 10);
		expect(rows[2]).toMatchObject({ responses: 2, mean: 4.5, share4: 0.5, share5: 0.5, share1: 0 });
	});

	it('ticket resolution median and p90 (linear interpolation), open tickets at the as-of date', async () => {
		const rows = await ticketPeriods(db, { period: 'month' });
		const jan = rows.find((r) => r.period === '2024-01-01' && r.channel === 'all')!;
		// resolved in 2, 4, 10 hours: median 4; p90 at rank 0.9 * 2 = 1.8 -> 4 + 0.8 * (10 - 4) = 8.8
		expect(jan).toMatchObject({ tickets: 4, resolved: 3, open: 1, median_hours: 4 });
		expect(jan.p90_hours).toBeCloseTo(8.8, 10);
		const feb = rows.find((r) => r.period === '2024-02-01' && r.channel === 'all')!;
		expect(feb).toMatchObject({ tickets: 1, resolved: 0, open: 1, median_hours: null }); // resolved after as-of
	});

	it('journey funnel: any -> engaged -> first purchase -> repeat purchase -> loyal', async () => {
		const rows = await journeyFunnel(db, {});
		// any: p, q, r; engaged: p (visit, ticket), q (click, ticket), r (tickets); purchased: p, q; repeat: p
		expect(rows.map((r) => [r.stage, r.customers, r.customers_nested])).toEqual([
			['any_interaction', 3, 3],
			['engaged', 3, 3],
			['first_purchase', 2, 2],
			['repeat_purchase', 1, 1],
			['loyal', expect.any(Number), expect.any(Number)]
		]);
		expect(rows[2]!.conversion).toBeCloseTo(2 / 3, 10);
		expect(rows[3]!.conversion).toBe(0.5);
		const loyal = await db.sql<{ n: number }>(
			"SELECT count(*) AS n FROM customer_summary WHERE rfm_segment IN ('champions', 'loyal_customers')"
		);
		expect(rows[4]!.customers).toBe(loyal[0]!.n);
		const janOnly = await journeyFunnel(db, { from: '2024-01-04', to: '2024-01-31' });
		expect(janOnly[0]!.customers).toBe(2); // q (ticket 01-04) and r (01-05) first appeared in the range; p on 01-02
	});
});
