import type { Ev } from './fixture';

/*
 * The hand-computed fixture of kpis.test.ts and cohorts-lifecycle.test.ts. KPIs (month grain, inactivity window 90 days). The data:
 *   a (HN):  purchases 2024-01-05 100, 2024-01-20 50, 2024-02-10 200   -> churns 2024-02-10 + 91 = 2024-05-11
 *   b (HN):  purchase 2024-01-15 300, 2024-06-01 100                   -> churns 2024-04-15, reactivates 2024-06-01
 *   c (HCM): purchase 2024-02-03 400, refund 2024-03-05 -100           -> churns 2024-05-04
 *   d (HCM): a web visit 2024-03-01 only (never a customer in the KPIs)
 *   e (HCM): one order 'x' of two rows on 2024-06-20 (50 + 70), store -> 1 order, 120 (everything else is web)
 * The last interaction is 2024-06-20, so the as-of date is 2024-06-21 and June is incomplete.
 */
export const KPI_EVENTS: Ev[] = [
	{ c: 'a', at: '2024-01-05', amount: 100 },
	{ c: 'a', at: '2024-01-20', amount: 50 },
	{ c: 'a', at: '2024-02-10', amount: 200 },
	{ c: 'b', at: '2024-01-15', amount: 300 },
	{ c: 'b', at: '2024-06-01', amount: 100 },
	{ c: 'c', at: '2024-02-03', amount: 400 },
	{ c: 'c', at: '2024-03-05', type: 'refund', amount: -100 },
	{ c: 'd', at: '2024-03-01', type: 'web_visit' },
	{ c: 'e', at: '2024-06-20 10:00:00', amount: 50, order: 'x', channel: 'store' },
	{ c: 'e', at: '2024-06-20 10:05:00', amount: 70, order: 'x', channel: 'store' }
];
export const KPI_CUSTOMERS = [
	{ id: 'a', region: 'HN' },
	{ id: 'b', region: 'HN' },
	{ id: 'c', region: 'HCM' },
	{ id: 'd', region: 'HCM' },
	{ id: 'e', region: 'HCM' }
];
