import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	adoptPresetCurrency,
	currencySetting,
	parseCurrency,
	setCurrency,
	SettingError,
	type Database
} from '../../src/lib/server/db';
import { generateDemo } from '../../src/lib/server/demo';
import { needsRefresh, refreshDerived } from '../../src/lib/server/pipeline';
import { formatters } from '../../src/lib/i18n/format';
import { tempDb } from '../helpers/db';

describe('the currency setting', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => cleanup());

	it('is VND by default; a preset sets it until a person chooses one, then never again', async () => {
		expect(await currencySetting(db)).toEqual({ code: 'VND', source: 'default' });
		expect(await adoptPresetCurrency(db, 'GBP')).toEqual({ code: 'GBP', source: 'preset' });
		expect(await currencySetting(db)).toEqual({ code: 'GBP', source: 'preset' });
		expect(await setCurrency(db, ' usd ')).toEqual({ code: 'USD', source: 'user' });
		expect(await adoptPresetCurrency(db, 'GBP')).toEqual({ code: 'USD', source: 'user' });
		expect(await currencySetting(db)).toEqual({ code: 'USD', source: 'user' });
	});

	it('refuses what is not an ISO 4217 code, saying what to write', () => {
		expect(parseCurrency('gbp')).toBe('GBP');
		for (const bad of ['', 'GB', 'POUND', 'XYZ', "GBP'; DROP TABLE settings; --"]) {
			expect(() => parseCurrency(bad)).toThrow(SettingError);
		}
		expect(() => parseCurrency('£')).toThrow(/ISO 4217 code such as VND, USD, GBP, EUR/);
	});

	it('changing it rebuilds no derived table (display only); the churn window does', async () => {
		await generateDemo(db, { customers: 200, seed: 3 });
		await refreshDerived(db);
		expect(await needsRefresh(db)).toBe(false);
		await setCurrency(db, 'GBP');
		expect(await needsRefresh(db)).toBe(false);
		await db.exec("UPDATE settings SET value = '120' WHERE key = 'inactivity_days'");
		expect(await needsRefresh(db)).toBe(true);
	});
});

describe('money formats follow the currency', () => {
	it('uses the currency’s symbol and decimals in both languages', () => {
		expect(formatters('en', 'GBP').currency(426.123)).toBe('£426.12');
		expect(formatters('en', 'VND').currency(426.5)).toBe('₫427');
		expect(formatters('en').currency(1000)).toBe('₫1,000');
		expect(formatters('vi', 'GBP').currency(1234.5).replace(/\s/g, ' ')).toBe('1.234,50 £');
		expect(formatters('en', 'GBP').compactCurrency(1_100_000)).toBe('£1.1M');
		expect(formatters('vi', 'GBP').compactCurrency(1_100_000)).toBe('1,1 triệu £');
		expect(formatters('vi', 'VND').compactCurrency(2.5e9)).toBe('2,5 tỷ ₫');
		// no formatter of another currency shows the dong sign
		for (const lang of ['en', 'vi'] as const) {
			const f = formatters(lang, 'GBP');
			expect([f.currency(5), f.compactCurrency(5e6)].join(' ')).not.toContain('₫');
		}
	});
});
