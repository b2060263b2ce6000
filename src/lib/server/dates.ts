import { z } from 'zod';

/**
 * Calendar dates as the API, the CLI and the SQL parameters carry them: 'YYYY-MM-DD' strings of a business-local day.
 * The one home of their checks and arithmetic (no SvelteKit here: the CLI uses it too).
 */
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date as YYYY-MM-DD (2024-02-30 and 2025-13-01 are not). */
export function isCalendarDate(s: string): boolean {
	if (!DATE_SHAPE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '0001-01-01';
}

/** A real calendar date as YYYY-MM-DD; its range against the data is checked by api/bounds.ts checkDates. */
export const calendarDate = z
	.string()
	.regex(DATE_SHAPE, 'expected a date as YYYY-MM-DD')
	.refine(isCalendarDate, 'not a calendar date');

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}
