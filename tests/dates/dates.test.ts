import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateOption } from '../../src/cli/commands/model-options';
import { parseDay } from '../../src/lib/server/demo/calendar';
import { addDays, calendarDate, isCalendarDate } from '../../src/lib/server/dates';

/** Days from 1900-01-01 to 2199-12-31 as YYYY-MM-DD, from the Date the checks are compared with. */
const day = fc
	.integer({ min: Date.UTC(1900, 0, 1) / 864e5, max: Date.UTC(2199, 11, 31) / 864e5 })
	.map((d) => new Date(d * 864e5).toISOString().slice(0, 10));

describe('calendar dates (src/lib/server/dates.ts, the one home of their checks)', () => {
	it('accepts every real day and refuses days past a month end, month 13 and other shapes', () => {
		fc.assert(
			fc.property(day, (d) => {
				expect(isCalendarDate(d)).toBe(true);
			})
		);
		// Date.parse rolls these over to the next month; they are not days
		for (const bad of [
			'2024-02-30',
			'2023-02-29',
			'2025-04-31',
			'2025-13-01',
			'2025-00-10',
			'2024-2-3',
			'24-01-02'
		])
			expect(isCalendarDate(bad), bad).toBe(false);
		expect(isCalendarDate('2024-02-29')).toBe(true);
		expect(calendarDate.safeParse('2024-02-30').success).toBe(false);
	});

	it('addDays moves by whole days across month and year ends and back', () => {
		fc.assert(
			fc.property(day, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
				const moved = addDays(d, n);
				expect(isCalendarDate(moved)).toBe(true);
				expect((Date.parse(moved) - Date.parse(d)) / 864e5).toBe(n);
				expect(addDays(moved, -n)).toBe(d);
			})
		);
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
	});

	it('the CLI and the demo refuse an impossible date with what to write', () => {
		expect(() => dateOption('--calibration-end', '2024-02-30')).toThrow(/must be a date like/);
		expect(dateOption('--calibration-end', '2024-02-29')).toBe('2024-02-29');
		expect(() => parseDay('2023-02-29', '--start')).toThrow(/must be a date like/);
	});
});
