import { isCalendarDate } from '../dates';

/**
 * Time in the demo. All times are business-local wall-clock seconds since the first day of the period at
 * 00:00 (Date's UTC functions are used as a plain calendar; Vietnam has no daylight saving time).
 *
 * Seasonality is a time change: the purchase process runs in "operational time", a clock that ticks faster
 * on busy hours (weekends, evenings, the weeks before Tết, 11.11, 12.12) and slower on quiet ones, and is
 * normalised so that the whole period has as many operational hours as calendar hours. BG/NBD holds exactly
 * in operational time; in calendar time purchases follow the same model with a seasonal intensity
 * lambda * s(t) (see datasets/README.md for what that means for fitted parameters).
 */
import { Rng } from './random';

const DAY_MS = 86_400_000;
const HOURS_PER_WEEK = 168;

/** First day of Tết (Lunar New Year), 2020-2030. */
const TET: readonly string[] = [
	'2020-01-25',
	'2021-02-12',
	'2022-02-01',
	'2023-01-22',
	'2024-02-10',
	'2025-01-29',
	'2026-02-17',
	'2027-02-06',
	'2028-01-26',
	'2029-02-13',
	'2030-02-03'
];
const TET_DAYS = TET.map((d) => Date.parse(`${d}T00:00:00Z`) / DAY_MS);

/** Sunday .. Saturday. */
const WEEKDAY = [1.15, 0.9, 0.9, 0.92, 0.95, 1.0, 1.2];

/** Relative activity by hour of day: quiet nights, a lunch peak, an evening peak. */
const HOURS = [
	0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.35, 0.6, 0.9, 1.1, 1.2, 1.35, 1.45, 1.3, 1.15, 1.1, 1.1, 1.15, 1.3,
	1.6, 1.85, 1.9, 1.6, 0.8
];

/** Shopping days: 'MM-DD' -> multiplier (double days 9.9, 10.10, 11.11, 12.12; 8.3 and 20.10 women's days). */
const SPECIAL_DAYS: Record<string, number> = {
	'03-08': 1.5,
	'06-06': 1.4,
	'07-07': 1.4,
	'09-09': 1.6,
	'10-10': 1.6,
	'10-20': 1.5,
	'11-10': 1.3,
	'11-11': 3.0,
	'11-12': 1.3,
	'12-11': 1.2,
	'12-12': 2.5,
	'12-13': 1.2,
	'12-24': 1.3
};

/** Parses YYYY-MM-DD to whole days since 1970-01-01, or throws with what was wrong. */
export function parseDay(text: string, what: string): number {
	if (!isCalendarDate(text)) {
		throw new Error(`${what} must be a date like 2023-01-01, got '${text}'`);
	}
	return Date.parse(`${text}T00:00:00Z`) / DAY_MS;
}

/** Activity multiplier of one calendar day (days since 1970-01-01). */
export function dayFactor(day: number): number {
	const date = new Date(day * DAY_MS);
	let f = WEEKDAY[date.getUTCDay()]!;
	const mmdd = date.toISOString().slice(5, 10);
	f *= SPECIAL_DAYS[mmdd] ?? 1;
	if (
		date.getUTCMonth() === 10 &&
		date.getUTCDay() === 5 &&
		date.getUTCDate() >= 22 &&
		date.getUTCDate() <= 28
	) {
		f *= 1.8; // Black Friday
	}
	for (const tet of TET_DAYS) {
		const diff = day - tet;
		if (diff >= -21 && diff <= -2)
			f *= 1 + (0.9 * (diff + 22)) / 20; // shopping for Tết
		else if (diff >= -1 && diff <= 4)
			f *= 0.35; // the holiday itself
		else if (diff >= 5 && diff <= 9) f *= 0.8;
	}
	return f;
}

export interface Season {
	/** First day of the period, days since 1970-01-01. */
	startDay: number;
	days: number;
	/** Length of the period in seconds. */
	seconds: number;
	/** cum[k] = operational hours elapsed at calendar hour k (k = 0 .. days * 24); cum[last] = days * 24. */
	cum: Float64Array;
}

export function buildSeason(start: string, end: string, seasonal: boolean): Season {
	const startDay = parseDay(start, 'start');
	const endDay = parseDay(end, 'end');
	if (endDay < startDay) throw new Error(`end (${end}) is before start (${start})`);
	const days = endDay - startDay + 1;
	const hours = days * 24;
	const cum = new Float64Array(hours + 1);
	const hourMean = HOURS.reduce((a, b) => a + b, 0) / 24;
	for (let d = 0; d < days; d++) {
		const df = seasonal ? dayFactor(startDay + d) : 1;
		for (let h = 0; h < 24; h++) {
			const k = d * 24 + h;
			cum[k + 1] = cum[k]! + (seasonal ? (df * HOURS[h]!) / hourMean : 1);
		}
	}
	const scale = hours / cum[hours]!;
	for (let k = 0; k <= hours; k++) cum[k] = cum[k]! * scale;
	return { startDay, days, seconds: hours * 3600, cum };
}

/** Calendar seconds since the start for an operational time in hours (0 .. days * 24). */
export function calendarSeconds(season: Season, opHours: number): number {
	const cum = season.cum;
	let lo = 0;
	let hi = cum.length - 1;
	if (opHours <= 0) return 0;
	if (opHours >= cum[hi]!) return season.seconds;
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (cum[mid]! <= opHours) lo = mid;
		else hi = mid;
	}
	const a = cum[lo]!;
	return (lo + (opHours - a) / (cum[hi]! - a)) * 3600;
}

/** Operational hours at a calendar time (seconds since the start): the inverse of calendarSeconds. */
export function operationalHours(season: Season, seconds: number): number {
	const x = Math.min(Math.max(seconds / 3600, 0), season.cum.length - 1);
	const k = Math.min(Math.floor(x), season.cum.length - 2);
	return season.cum[k]! + (x - k) * (season.cum[k + 1]! - season.cum[k]!);
}

/** Operational weeks between two calendar times: the BG/NBD clock. */
export function operationalWeeks(season: Season, fromSeconds: number, toSeconds: number): number {
	return (operationalHours(season, toSeconds) - operationalHours(season, fromSeconds)) / HOURS_PER_WEEK;
}

export interface Campaign {
	/** Send time, calendar seconds since the start. */
	sentAt: number;
	/** Multiplies every recipient's open probability (promotions draw more opens than newsletters). */
	appeal: number;
}

/**
 * The e-mail campaign calendar: a newsletter every other Tuesday at 09:00, and promotions the evening
 * before Tết shopping peaks, 11.11, 12.12, Black Friday and the women's days.
 */
export function buildCampaigns(season: Season, rng: Rng): Campaign[] {
	const out: Campaign[] = [];
	const firstTuesday = (2 - new Date(season.startDay * DAY_MS).getUTCDay() + 7) % 7;
	for (let d = firstTuesday; d < season.days; d += 14) {
		out.push({ sentAt: (d * 24 + 9) * 3600, appeal: 0.8 + 0.4 * rng.uniform() });
	}
	for (let d = 0; d < season.days; d++) {
		const day = season.startDay + d;
		const date = new Date(day * DAY_MS);
		const mmdd = date.toISOString().slice(5, 10);
		const promo =
			['03-07', '09-08', '10-09', '10-19', '11-10', '12-11'].includes(mmdd) ||
			TET_DAYS.some((t) => t - day === 14) ||
			(date.getUTCMonth() === 10 &&
				date.getUTCDay() === 4 &&
				date.getUTCDate() >= 21 &&
				date.getUTCDate() <= 27);
		if (promo) out.push({ sentAt: (d * 24 + 19) * 3600 + 1800, appeal: 1.2 + 0.5 * rng.uniform() });
	}
	return out.sort((a, b) => a.sentAt - b.sentAt);
}
