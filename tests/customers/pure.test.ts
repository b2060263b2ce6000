import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskEmail, maskName, maskPhone } from '../../src/lib/server/customers/contact';
import { escapeLike, searchText } from '../../src/lib/server/customers/search-text';
import { pAliveHistory } from '../../src/lib/server/customers/palive-history';
import { bgnbdPAlive } from '../../src/lib/server/models/bgnbd';

describe('contact masking', () => {
	it('keeps the first and last letter of an email and its domain', () => {
		expect(maskEmail('lan.nguyen@gmail.com')).toBe('l•••n@gmail.com');
		expect(maskEmail('ab@x.vn')).toBe('a@x.vn');
		expect(maskEmail(null)).toBeNull();
	});
	it('keeps the country code and the last three digits of a phone', () => {
		expect(maskPhone('+84912345678')).toBe('+84•••••678');
		expect(maskPhone('+14155550123')).toBe('+14•••••123');
	});
	it('shows initials of a name', () => {
		expect(maskName('Nguyễn Thị Lan')).toBe('N. T. L.');
	});
	it('never shows more than 4 characters of the local part or of the phone', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[a-z0-9.]{3,30}$/), (local) => {
				const masked = maskEmail(`${local}@example.com`)!;
				expect(masked.split('@')[0]!.replace(/•/g, '').length).toBeLessThanOrEqual(2);
			})
		);
		fc.assert(
			fc.property(fc.stringMatching(/^[0-9]{9,10}$/), (digits) => {
				const masked = maskPhone(`+84${digits}`)!;
				expect(masked.replace(/\D/g, '')).toBe(`84${digits.slice(-3)}`);
			})
		);
	});
});

describe('search text', () => {
	it('escapes LIKE wildcards so that they match themselves', () => {
		expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
		expect(searchText("o'brien%").pattern).toBe("%o'brien\\%%");
	});
	it('normalises phone numbers written in any common way to national digits', () => {
		for (const q of ['0912 345 678', '+84 912-345-678', '84912345678', '(091) 2345678']) {
			expect(searchText(q).phoneDigits).toBe('912345678');
		}
		expect(searchText('lan@gmail.com').phoneDigits).toBeNull();
		expect(searchText('12').phoneDigits).toBeNull();
		expect(searchText('   ')).toEqual({ pattern: null, phoneDigits: null });
	});
});

describe('P(alive) history', () => {
	// CDNOW BG/NBD estimates (Fader, Hardie & Lee 2005), weeks.
	const p = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

	it('ends at the P(alive) of the full history and is 1 before any repeat purchase', () => {
		const days = ['2024-01-01', '2024-01-15', '2024-03-01'];
		const h = pAliveHistory(p, days, '2024-09-01', 'week');
		const last = h.at(-1)!;
		expect(last.date).toBe('2024-09-01');
		// x = 2 repeat days, t_x = 60 days, T = 244 days, in weeks
		expect(last.pAlive).toBeCloseTo(bgnbdPAlive(p, 2, 60 / 7, 244 / 7), 12);
		for (const pt of h.filter((q) => q.date <= '2024-01-15')) expect(pt.pAlive).toBe(1);
		expect(h[0]!.date).toBe('2024-01-02');
	});

	it('falls while the customer is silent and jumps up after a repeat purchase', () => {
		const days = ['2024-01-01', '2024-02-01', '2024-06-01'];
		const h = pAliveHistory(p, days, '2024-12-31', 'day', 50);
		const between = h.filter((q) => q.date > '2024-02-02' && q.date <= '2024-06-01');
		for (let i = 1; i < between.length; i++)
			expect(between[i]!.pAlive).toBeLessThanOrEqual(between[i - 1]!.pAlive);
		const before = h.find((q) => q.date === '2024-06-01')!;
		const after = h.find((q) => q.date === '2024-06-02')!;
		expect(after.afterPurchase).toBe(true);
		expect(after.pAlive).toBeGreaterThan(before.pAlive);
	});

	it('stays in [0, 1] for any history', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.integer({ min: 0, max: 900 }), { minLength: 1, maxLength: 30 }),
				(offsets) => {
					const iso = (d: number) =>
						new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
					const h = pAliveHistory(p, offsets.map(iso), iso(1000), 'day', 40);
					expect(h.length).toBeGreaterThan(0);
					for (const q of h) {
						expect(q.pAlive).toBeGreaterThanOrEqual(0);
						expect(q.pAlive).toBeLessThanOrEqual(1);
					}
				}
			)
		);
	});

	it('returns nothing without purchases before the as-of date', () => {
		expect(pAliveHistory(p, [], '2024-01-01', 'day')).toEqual([]);
		expect(pAliveHistory(p, ['2024-02-01'], '2024-01-01', 'day')).toEqual([]);
	});
});
