import { bgnbdPAlive, type BgNbdParams } from '../models/bgnbd';

export interface PAlivePoint {
	/** the as-of date: purchases on earlier days are known */
	date: string;
	pAlive: number;
	/** true on the day after a purchase (P(alive) jumps up there) */
	afterPurchase: boolean;
}

const DAY_MS = 86_400_000;
const toDay = (iso: string): number => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const toIso = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * P(alive) of one customer as it would have been computed at past dates, with today's fitted BG/NBD parameters:
 * at as-of date e the known history is the purchase days before e, so x = days − 1, tₓ = last − first and
 * T = e − first (in the fit's time unit), and P(alive) is FHL 2005 eq. 12 (bgnbdPAlive). The curve starts on the
 * day after the first purchase, falls while the customer is silent and jumps after each repeat purchase; about
 * `points` evenly spaced dates plus the day of and the day after every purchase are evaluated.
 */
export function pAliveHistory(
	params: BgNbdParams,
	purchaseDays: string[],
	asOf: string,
	timeUnit: 'day' | 'week' | string,
	points = 120
): PAlivePoint[] {
	const days = [...new Set(purchaseDays.map(toDay))].sort((a, b) => a - b);
	const first = days[0];
	const end = toDay(asOf);
	if (first === undefined || end <= first) return [];
	const unit = timeUnit === 'week' ? 7 : 1;
	const dates = new Set<number>([end]);
	const step = Math.max(1, Math.ceil((end - first) / points));
	for (let d = first + 1; d < end; d += step) dates.add(d);
	const after = new Set<number>();
	for (const d of days) {
		if (d > first && d <= end) dates.add(d); // the last day before the purchase is known
		if (d + 1 <= end) {
			dates.add(d + 1);
			after.add(d + 1);
		}
	}
	const out: PAlivePoint[] = [];
	let known = 0; // purchase days strictly before the evaluation date
	for (const e of [...dates].sort((a, b) => a - b)) {
		while (known < days.length && days[known]! < e) known++;
		if (known === 0) continue;
		const x = known - 1;
		const tx = (days[known - 1]! - first) / unit;
		const T = (e - first) / unit;
		out.push({ date: toIso(e), pAlive: bgnbdPAlive(params, x, tx, T), afterPurchase: after.has(e) });
	}
	return out;
}
