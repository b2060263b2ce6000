import { error } from '@sveltejs/kit';
import type { Database } from '../db';
import { addDays, isCalendarDate } from '../dates';
import { GRAINS, type Grain } from '../metrics/filters';

/**
 * Bounds on what a request may ask for, shared by every endpoint: a date parameter is a real calendar date within the
 * data's range plus DATE_MARGIN_DAYS (so `as_of=9999-12-31&period=day` cannot ask for three million days), an id is a
 * whole number in range (`id=0x1` and `id=99999999999999999999` are refused), and a text is at most MAX_TEXT long.
 * Everything else is a 400 that says what to send instead.
 */
export const DATE_MARGIN_DAYS = 366;
/** The first day allowed when the database holds no interactions yet (the last is today). */
const EMPTY_FROM = '1990-01-01';
export const MAX_ID = 2 ** 31 - 1;
export const MAX_TEXT = 2000;

interface Range {
	min: string;
	max: string;
}
const ranges = new WeakMap<Database, { at: number; range: Range; data: Range }>();
/** The range is read again at most this often (an ingest moves it; a day or two late is within the margin). */
const RANGE_TTL_MS = 10_000;

/** The dates a request may name: the first and last interaction day, widened by DATE_MARGIN_DAYS each side. */
export async function allowedDates(db: Database): Promise<Range> {
	return (await dateRanges(db)).range;
}

/** The data's first and last interaction day (allowed: those ± the margin), read at most every RANGE_TTL_MS. */
async function dateRanges(db: Database): Promise<{ range: Range; data: Range }> {
	const kept = ranges.get(db);
	if (kept && Date.now() - kept.at < RANGE_TTL_MS) return kept;
	const [r] = await db.sql<{ lo: string | null; hi: string | null }>(
		`SELECT strftime(min(occurred_at), '%Y-%m-%d') AS lo, strftime(max(occurred_at), '%Y-%m-%d') AS hi
		 FROM interactions`
	);
	const data =
		r?.lo && r.hi
			? { min: r.lo, max: r.hi }
			: { min: EMPTY_FROM, max: new Date().toISOString().slice(0, 10) };
	const range = { min: addDays(data.min, -DATE_MARGIN_DAYS), max: addDays(data.max, DATE_MARGIN_DAYS) };
	ranges.set(db, { at: Date.now(), range, data });
	return { range, data };
}

/** Why a value is not an allowed date, or null when it is one. */
export function dateProblem(name: string, value: string, range: Range): string | null {
	if (!isCalendarDate(value)) return `${name}: ${value} is not a calendar date (expected YYYY-MM-DD)`;
	if (value < range.min || value > range.max)
		return (
			`${name}: ${value} is outside the data's dates plus ${DATE_MARGIN_DAYS} days ` +
			`(send a date from ${range.min} to ${range.max})`
		);
	return null;
}

/**
 * Checks every value shaped like a date (YYYY-MM-DD, also inside a longer key list) in a request's parameters or
 * body: a calendar date within allowedDates, else 400 naming the parameter and the range.
 */
export async function checkDates(db: Database, values: Record<string, unknown>): Promise<void> {
	const dated = Object.entries(values).flatMap(([k, v]) =>
		(Array.isArray(v) ? v : [v])
			.filter((x): x is string => typeof x === 'string' && /^\d{4}-\d{1,2}-\d{1,2}$/.test(x))
			.map((x) => [k, x] as const)
	);
	if (dated.length === 0) return;
	const range = await allowedDates(db);
	const problems = dated.map(([k, v]) => dateProblem(k, v, range)).filter((p) => p !== null);
	if (problems.length) error(400, `bad parameter: ${problems.join('; ')}`);
}

/**
 * The most periods one request may cover: ten years of days (520 weeks, 120 months). The dates' bounds keep a request
 * within the data's years, but a database with decades of data asked for by day would still mean one row per day per
 * metric, and one chart point each: more than a chart can show or a request should cost.
 */
export const MAX_PERIODS = 3660;

/**
 * A cohort grid is a triangle, n cohorts by up to n periods after: at most 400 periods (80,000 cells; weeks over 7
 * years, months over 33). By day over the 20k sample's three years it was 600,000 cells, 30-50 s and the server's
 * peak RSS over 2 GB; the cohorts page asks weeks when the filter bar says day.
 */
export const MAX_COHORT_PERIODS = 400;

const GRAIN_MONTHS = { month: 1, quarter: 3, year: 12 } as const;

/** How many periods of `grain` the days from..to (YYYY-MM-DD) touch. */
export function periodCount(grain: Grain, from: string, to: string): number {
	if (to < from) return 0;
	const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
	if (grain === 'day') return day(to) - day(from) + 1;
	// ISO weeks begin on Monday (date_trunc('week')): 1970-01-01 was a Thursday
	if (grain === 'week') return Math.floor((day(to) + 3) / 7) - Math.floor((day(from) + 3) / 7) + 1;
	const step = GRAIN_MONTHS[grain];
	const month = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
	return Math.floor(month(to) / step) - Math.floor(month(from) / step) + 1;
}

/**
 * A request for a series of periods (`period` or `grain`: day ... year) covers from `from` (else the data's first
 * day) to `to` (else `as_of`, else the data's last day); over `max` (MAX_PERIODS) periods it is a 400 that says the count
 * and what to send instead. Dates are checked (checkDates) before.
 */
export async function checkPeriods(
	db: Database,
	q: Record<string, unknown>,
	max = MAX_PERIODS
): Promise<void> {
	const grain = [q.period, q.grain].find(
		(g): g is Grain => typeof g === 'string' && (GRAINS as readonly string[]).includes(g)
	);
	if (!grain) return;
	const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
	const { data } = await dateRanges(db);
	const from = text(q.from) ?? data.min;
	const to = text(q.to) ?? text(q.as_of) ?? data.max;
	const n = periodCount(grain, from, to);
	if (n > max)
		error(
			400,
			`bad parameter: period=${grain} from ${from} to ${to} is ${n.toLocaleString('en')} periods; at most ` +
				`${max.toLocaleString('en')} per request (send a coarser period, or from/to closer together)`
		);
}

/** A positive whole number id written in decimal digits, at most MAX_ID; anything else is a 400. */
export function parseId(raw: string | null | undefined, what: string): number {
	if (raw == null || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > MAX_ID)
		error(400, `${what} must be a whole number from 1 to ${MAX_ID} written in digits (got ${describe(raw)})`);
	return Number(raw);
}

function describe(raw: string | null | undefined): string {
	if (raw == null) return 'nothing';
	return raw.length > 40 ? `${raw.slice(0, 40)}... (${raw.length} characters)` : JSON.stringify(raw);
}

/** Any query-string value longer than MAX_TEXT is a 400 (no parameter needs more; a long one only costs work). */
export function checkTextLengths(values: Record<string, string | string[]>): void {
	for (const [k, v] of Object.entries(values)) {
		for (const x of Array.isArray(v) ? v : [v]) {
			if (x.length > MAX_TEXT)
				error(400, `bad parameter: ${k} is ${x.length} characters; at most ${MAX_TEXT}`);
		}
	}
}

/**
 * The largest request body: 4 MiB, room for a rule with LIMITS.listItems (100,000) ids of up to 30 characters.
 * scripts/start.js gives adapter-node the same BODY_SIZE_LIMIT; a larger body is a 413.
 */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** How long one statement of a GET /api/ request may run (CRM_STATEMENT_TIMEOUT_MS, default 10 s) before a 503. */
export function statementBudgetMs(): number {
	const ms = Number(process.env.CRM_STATEMENT_TIMEOUT_MS);
	return Number.isFinite(ms) && ms > 0 ? ms : 10_000;
}
