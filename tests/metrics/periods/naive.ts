/**
 * A deliberately naive second implementation of the period metrics, straight from the definitions in
 * docs/METRICS.md: it walks every day of every customer and uses no precomputed table, no window function, no
 * event trick (e.g. "churned" is found by checking each day's status against the day before). Tests compare it with
 * the SQL on generated data.
 */
import type { Ev } from './fixture';

export type NaiveGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';
const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => toDay(toMs(d) + n * DAY);
const diffDays = (a: string, b: string) => Math.round((toMs(a) - toMs(b)) / DAY);

export function periodOf(day: string, grain: NaiveGrain): string {
	const [y, m] = day.split('-').map(Number) as [number, number];
	if (grain === 'day') return day;
	if (grain === 'week') return addDays(day, -((new Date(toMs(day)).getUTCDay() + 6) % 7));
	if (grain === 'month') return `${y}-${String(m).padStart(2, '0')}-01`;
	if (grain === 'quarter') return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
	return `${y}-01-01`;
}
export function nextPeriod(p: string, grain: NaiveGrain): string {
	if (grain === 'day') return addDays(p, 1);
	if (grain === 'week') return addDays(p, 7);
	const d = new Date(toMs(p));
	d.setUTCMonth(d.getUTCMonth() + (grain === 'month' ? 1 : grain === 'quarter' ? 3 : 12));
	return toDay(d.getTime());
}

interface Customer {
	orderDays: Map<string, number>; // day -> orders starting that day
	money: Map<string, number>; // day -> purchase + refund amounts
	purchaseDays: string[]; // sorted
}

/** Per customer: orders (counted on the day of their first row), money by day, purchase days; before asOf. */
export function customersOf(events: Ev[], asOf: string): Map<string, Customer> {
	const out = new Map<string, Customer>();
	const orderStart = new Map<string, string>();
	const get = (c: string) => {
		let x = out.get(c);
		if (!x) out.set(c, (x = { orderDays: new Map(), money: new Map(), purchaseDays: [] }));
		return x;
	};
	events.forEach((e, i) => {
		const day = e.at.slice(0, 10);
		if (day >= asOf) return;
		const c = get(e.c);
		const type = e.type ?? 'purchase';
		if (type === 'purchase' || type === 'refund') {
			const amount = e.amount ?? (type === 'purchase' ? 100 : 0);
			c.money.set(day, (c.money.get(day) ?? 0) + (type === 'refund' ? -Math.abs(amount) : amount));
		}
		if (type === 'purchase') {
			const key = `${e.c}\u0000${e.order === undefined ? `o${i + 1}` : (e.order ?? `row${i}`)}`;
			const prev = orderStart.get(key);
			if (prev === undefined || day < prev) orderStart.set(key, day);
		}
	});
	for (const [key, day] of orderStart) {
		const c = get(key.split('\u0000')[0]!);
		c.orderDays.set(day, (c.orderDays.get(day) ?? 0) + 1);
	}
	for (const c of out.values()) c.purchaseDays = [...c.orderDays.keys()].sort();
	return out;
}

function lastPurchaseOnOrBefore(c: Customer, x: string): string | undefined {
	let last: string | undefined;
	for (const d of c.purchaseDays) if (d <= x) last = d;
	return last;
}
function status(c: Customer, x: string, w: number): 'none' | 'active' | 'churned' {
	const l = lastPurchaseOnOrBefore(c, x);
	if (!l) return 'none';
	return diffDays(x, l) > w ? 'churned' : 'active';
}

export interface NaiveKpi {
	period: string;
	complete: boolean;
	active_customers: number;
	new_customers: number;
	returning_customers: number;
	reactivated_customers: number;
	/** null in a period that ends before a churn can first be seen (first purchase day + w + 1) */
	churned_customers: number | null;
	active_at_start: number;
	churn_rate: number | null;
	retention_rate: number | null;
	repeat_purchase_rate: number | null;
	revenue: number;
	revenue_existing: number;
	aov: number | null;
	orders: number;
	orders_per_customer: number | null;
	net_revenue_retention: number | null;
	historic_clv: number | null;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function naiveKpis(events: Ev[], grain: NaiveGrain, asOf: string, w: number): NaiveKpi[] {
	const customers = customersOf(events, asOf);
	const moneyDays = [...customers.values()].flatMap((c) => [...c.money.keys(), ...c.purchaseDays]);
	if (!moneyDays.length) return [];
	const last = addDays(asOf, -1);
	const out: NaiveKpi[] = [];
	let prevActive: Set<string> | undefined;
	let prevRevenueOf = new Map<string, number>();
	let cumulativeRevenue = 0;
	const firstPurchase = [...customers.values()].flatMap((c) => c.purchaseDays).sort()[0];
	const firstChurnDay = firstPurchase === undefined ? undefined : addDays(firstPurchase, w + 1);
	for (let p = periodOf(moneyDays.sort()[0]!, grain); p <= last; p = nextPeriod(p, grain)) {
		const end = addDays(nextPeriod(p, grain), -1);
		const inP = (d: string) => d >= p && d <= end;
		const active = new Set<string>();
		let nNew = 0,
			reactivated = 0,
			churned = 0,
			atStart = 0,
			churnedFromStart = 0,
			repeat = 0,
			revenue = 0,
			existing = 0,
			orders = 0,
			everBought = 0;
		const revenueOf = new Map<string, number>();
		for (const [id, c] of customers) {
			const pd = c.purchaseDays;
			const first = pd[0];
			const ordersInP = pd.filter(inP).reduce((s, d) => s + c.orderDays.get(d)!, 0);
			const money = [...c.money].filter(([d]) => inP(d)).reduce((s, [, v]) => s + v, 0);
			revenueOf.set(id, money);
			revenue += money;
			orders += ordersInP;
			const isNew = first !== undefined && inP(first);
			if (!isNew) existing += money;
			if (first !== undefined && first <= end) everBought++;
			if (ordersInP > 0) {
				active.add(id);
				if (isNew) nNew++;
				if (!isNew || ordersInP >= 2) repeat++;
			}
			if (pd.some((d, i) => inP(d) && i > 0 && diffDays(d, pd[i - 1]!) > w)) reactivated++;
			const startStatus = status(c, addDays(p, -1), w);
			if (startStatus === 'active') atStart++;
			let churnedHere = false,
				fromStart = false;
			for (let x = p; x <= end && x <= last; x = addDays(x, 1)) {
				if (status(c, x, w) === 'churned' && status(c, addDays(x, -1), w) === 'active') {
					churnedHere = true;
					if (lastPurchaseOnOrBefore(c, x)! < p) fromStart = true;
				}
			}
			if (churnedHere) churned++;
			if (fromStart) churnedFromStart++;
		}
		cumulativeRevenue += revenue;
		const observable = firstChurnDay !== undefined && end >= firstChurnDay;
		let retained = 0,
			nrrNum = 0,
			nrrDen = 0;
		if (prevActive) {
			for (const id of prevActive) {
				if (active.has(id)) retained++;
				nrrNum += revenueOf.get(id) ?? 0;
				nrrDen += prevRevenueOf.get(id) ?? 0;
			}
		}
		out.push({
			period: p,
			complete: end < asOf,
			active_customers: active.size,
			new_customers: nNew,
			returning_customers: active.size - nNew,
			reactivated_customers: reactivated,
			churned_customers: observable ? churned : null,
			active_at_start: atStart,
			churn_rate: observable ? ratio(churnedFromStart, atStart) : null,
			retention_rate: prevActive ? ratio(retained, prevActive.size) : null,
			repeat_purchase_rate: ratio(repeat, active.size),
			revenue,
			revenue_existing: existing,
			aov: ratio(revenue, orders),
			orders,
			orders_per_customer: ratio(orders, active.size),
			net_revenue_retention: prevActive ? ratio(nrrNum, nrrDen) : null,
			historic_clv: ratio(cumulativeRevenue, everBought)
		});
		prevActive = active;
		prevRevenueOf = revenueOf;
	}
	return out;
}

export interface NaiveCohortCell {
	cohort: string;
	k: number;
	size: number;
	on: number;
	onOrAfter: number;
	revenueRatio: number | null;
}

export function naiveCohorts(events: Ev[], grain: NaiveGrain, asOf: string): NaiveCohortCell[] {
	const customers = customersOf(events, asOf);
	const lastPeriod = periodOf(addDays(asOf, -1), grain);
	const cohorts = new Map<string, [string, Customer][]>();
	for (const [id, c] of customers) {
		if (!c.purchaseDays.length) continue;
		const k = periodOf(c.purchaseDays[0]!, grain);
		cohorts.set(k, [...(cohorts.get(k) ?? []), [id, c]]);
	}
	const out: NaiveCohortCell[] = [];
	for (const [cohort, members] of [...cohorts].sort()) {
		const revenueIn = (c: Customer, p: string) =>
			[...c.money].filter(([d]) => periodOf(d, grain) === p).reduce((s, [, v]) => s + v, 0);
		const base = members.reduce((s, [, c]) => s + revenueIn(c, cohort), 0);
		let k = 0;
		for (let p = cohort; p <= lastPeriod; p = nextPeriod(p, grain), k++) {
			const on = members.filter(([, c]) => c.purchaseDays.some((d) => periodOf(d, grain) === p)).length;
			const later = members.filter(([, c]) => c.purchaseDays.some((d) => periodOf(d, grain) >= p)).length;
			const revenue = members.reduce((s, [, c]) => s + revenueIn(c, p), 0);
			out.push({ cohort, k, size: members.length, on, onOrAfter: later, revenueRatio: ratio(revenue, base) });
		}
	}
	return out;
}

export function naiveLifecycle(events: Ev[], grain: NaiveGrain, asOf: string) {
	const customers = customersOf(events, asOf);
	const all = [...customers.values()].flatMap((c) => [...c.money.keys(), ...c.purchaseDays]).sort();
	if (!all.length) return [];
	const out: { period: string; new: number; returning: number; resurrecting: number; dormant: number }[] = [];
	let prev: string | undefined;
	for (let p = periodOf(all[0]!, grain); p <= addDays(asOf, -1); p = nextPeriod(p, grain)) {
		const row = { period: p, new: 0, returning: 0, resurrecting: 0, dormant: 0 };
		for (const c of customers.values()) {
			const activeIn = (q: string | undefined) => !!q && c.purchaseDays.some((d) => periodOf(d, grain) === q);
			const now = activeIn(p);
			const before = activeIn(prev);
			const isNew = c.purchaseDays[0] !== undefined && periodOf(c.purchaseDays[0], grain) === p;
			if (now && isNew) row.new++;
			else if (now && before) row.returning++;
			else if (now) row.resurrecting++;
			else if (before) row.dormant++;
		}
		out.push(row);
		prev = p;
	}
	return out;
}

/** Deterministic pseudo-random events (mulberry32), so a failure can be replayed. */
export function generateEvents(seed: number, customers: number, start: string, days: number): Ev[] {
	let s = seed >>> 0;
	const rnd = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
	const events: Ev[] = [];
	let n = 0;
	for (let i = 0; i < customers; i++) {
		const c = `c${i}`;
		const bursts = 1 + Math.floor(rnd() * 6);
		for (let b = 0; b < bursts; b++) {
			const day = addDays(start, Math.floor(rnd() * days));
			const r = rnd();
			const channel = pick(['web', 'store', 'zalo', null] as const);
			n++;
			if (r < 0.55) {
				const order = rnd() < 0.2 ? null : `o${n}`;
				events.push({
					id: `e${n}`,
					c,
					at: `${day} 09:00:00`,
					amount: 1 + Math.floor(rnd() * 500),
					order,
					channel
				});
				if (order && rnd() < 0.2) {
					n++; // a second row of the same order, the same day
					events.push({ id: `e${n}`, c, at: `${day} 09:30:00`, amount: 10, order, channel });
				}
			} else if (r < 0.62) {
				events.push({
					id: `e${n}`,
					c,
					at: `${day} 15:00:00`,
					type: 'refund',
					amount: -(1 + Math.floor(rnd() * 50)),
					channel
				});
			} else {
				events.push({
					id: `e${n}`,
					c,
					at: `${day} 11:00:00`,
					type: pick(['web_visit', 'email_open', 'call']),
					channel
				});
			}
		}
	}
	return events;
}
