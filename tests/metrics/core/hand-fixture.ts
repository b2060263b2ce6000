import type { Cust, Ix } from './fixtures';

/**
 * A small history written by hand; the expected numbers in tests/metrics/core/*.test.ts are derived from it in
 * comments. The last interaction is on 2025-03-31, so the default as-of date is 2025-04-01. Window: 90 days.
 */
export const HAND_CUSTOMERS: Cust[] = [
	{ customer_id: 'A', region: 'Hà Nội', acquisition_channel: 'web' },
	{ customer_id: 'B', region: 'Hồ Chí Minh', acquisition_channel: 'store' },
	{ customer_id: 'C', region: 'Hà Nội', acquisition_channel: 'web' },
	{ customer_id: 'D', region: 'Đà Nẵng', acquisition_channel: 'facebook' },
	{ customer_id: 'E', region: 'Hà Nội', acquisition_channel: 'web' }, // no interactions at all
	{ customer_id: 'G', region: 'Hồ Chí Minh', acquisition_channel: 'store' },
	{ customer_id: 'H', region: 'Hà Nội', acquisition_channel: 'zalo' }
	// F appears only in interactions
];

export const HAND_INTERACTIONS: Ix[] = [
	// A: order o1 in two rows (60 + 40) on the web, o2 in the store the same day, a purchase without order id,
	// a refund of 20 (given with a positive sign: refunds always count negative), an email open on the last day.
	{
		customer_id: 'A',
		occurred_at: '2024-10-01 10:00:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o1',
		amount: 60
	},
	{
		customer_id: 'A',
		occurred_at: '2024-10-01 10:00:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o1',
		amount: 40
	},
	{
		customer_id: 'A',
		occurred_at: '2024-10-01 15:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o2',
		amount: 50
	},
	{ customer_id: 'A', occurred_at: '2025-02-01 09:00:00', type: 'purchase', channel: 'web', amount: 30 },
	{
		customer_id: 'A',
		occurred_at: '2025-02-05 09:00:00',
		type: 'refund',
		channel: 'web',
		order_id: 'o1',
		amount: 20
	},
	{ customer_id: 'A', occurred_at: '2025-03-31 20:00:00', type: 'email_open', channel: 'email' },
	// B: three orders in the store / zalo.
	{
		customer_id: 'B',
		occurred_at: '2024-12-01 11:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o3',
		amount: 200
	},
	{
		customer_id: 'B',
		occurred_at: '2025-02-10 11:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o4',
		amount: 200
	},
	{
		customer_id: 'B',
		occurred_at: '2025-03-01 11:00:00',
		type: 'purchase',
		channel: 'zalo',
		order_id: 'o5',
		amount: 100
	},
	// C: one order long ago, then a survey.
	{
		customer_id: 'C',
		occurred_at: '2024-11-15 08:00:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o6',
		amount: 80
	},
	{ customer_id: 'C', occurred_at: '2024-12-01 08:00:00', type: 'survey', channel: 'email', csat: 4 },
	// D: a first order recently.
	{
		customer_id: 'D',
		occurred_at: '2025-03-20 19:00:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o7',
		amount: 40
	},
	// F: unknown to customers, only a web visit.
	{ customer_id: 'F', occurred_at: '2025-03-01 12:00:00', type: 'web_visit', channel: 'web' },
	// G: three orders 10 and 30 days apart, then silence.
	{
		customer_id: 'G',
		occurred_at: '2024-12-01 10:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o8',
		amount: 100
	},
	{
		customer_id: 'G',
		occurred_at: '2024-12-11 10:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o9',
		amount: 100
	},
	{
		customer_id: 'G',
		occurred_at: '2025-01-10 10:00:00',
		type: 'purchase',
		channel: 'store',
		order_id: 'o10',
		amount: 100
	},
	// H: one order whose rows cross midnight (counted once, on its first day).
	{
		customer_id: 'H',
		occurred_at: '2025-03-10 23:30:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o11',
		amount: 50
	},
	{
		customer_id: 'H',
		occurred_at: '2025-03-11 00:10:00',
		type: 'purchase',
		channel: 'web',
		order_id: 'o11',
		amount: 25
	}
];
