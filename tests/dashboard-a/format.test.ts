import { describe, expect, it } from 'vitest';
import { formatters, parseDay } from '../../src/lib/i18n/format';

describe('formatters', () => {
	const en = formatters('en');
	const vi = formatters('vi');

	it('formats VND in both languages without decimals', () => {
		expect(en.currency(1234567)).toBe('₫1,234,567');
		expect(vi.currency(1234567)).toBe('1.234.567\u00a0₫');
		expect(en.currency(1234.6)).toBe('₫1,235');
	});

	it('writes compact money for axes: "1,2 tỷ ₫" in Vietnamese', () => {
		expect(vi.compactCurrency(1_234_567_890)).toBe('1,2 tỷ ₫');
		expect(vi.compactCurrency(3_500_000)).toBe('3,5 triệu ₫');
		expect(en.compactCurrency(1_234_567_890)).toBe('₫1.2B');
	});

	it('formats shares as percentages and changes with a sign', () => {
		expect(en.percent(0.1234)).toBe('12.3%');
		expect(vi.percent(0.1234)).toBe('12,3%');
		expect(en.change(0.052)).toBe('+5.2%');
		expect(en.change(-0.01)).toBe('−1.0%');
		expect(en.change(0)).toBe('0.0%');
	});

	it('formats a change of a rate in percentage points: 23.2% -> 26.3% is +3.1 pp, not +13.4%', () => {
		expect(en.points(0.263 - 0.232)).toBe('+3.1 pp');
		expect(vi.points(0.263 - 0.232)).toBe('+3,1 điểm %');
		expect(en.points(-0.005)).toBe('−0.5 pp');
		expect(en.points(0)).toBe('0.0 pp');
		expect(en.points(null)).toBe('–');
	});

	it('shows a dash for missing values instead of NaN', () => {
		for (const f of [en, vi]) {
			expect(f.currency(null)).toBe('–');
			expect(f.percent(Number.NaN)).toBe('–');
			expect(f.integer(undefined)).toBe('–');
		}
	});

	it('formats API dates as calendar dates at each grain, never shifted by a time zone', () => {
		expect(parseDay('2024-03-01').toISOString()).toBe('2024-03-01T00:00:00.000Z');
		expect(en.date('2024-03-05')).toBe('Mar 5, 2024');
		expect(en.date('2024-03-01', 'month')).toBe('Mar 2024');
		expect(en.date('2024-04-01', 'quarter')).toBe('Q2 2024');
		expect(en.date('2024-01-01', 'year')).toBe('2024');
		expect(en.dateShort('2024-01-01', 'month')).toBe('2024');
		expect(en.dateShort('2024-03-05')).toBe('Mar 5');
	});

	it('writes Vietnamese dates as numbers, day first: 28/08/2025', () => {
		expect(vi.date('2025-08-28')).toBe('28/08/2025');
		expect(vi.date('2025-08-28', 'week')).toBe('28/08/2025');
		expect(vi.date(new Date(Date.UTC(2024, 2, 5)))).toBe('05/03/2024');
		expect(vi.date('2024-03-01', 'month')).toBe('03/2024');
		expect(vi.date('2024-12-31', 'month')).toBe('12/2024');
		expect(vi.dateShort('2025-08-28')).toBe('28/08');
		expect(vi.dateShort('2024-04-01', 'month')).toBe('T4');
		expect(vi.date('2024-04-01', 'quarter')).toBe('Q2 2024');
		expect(vi.date(null)).toBe('–');
	});
});
