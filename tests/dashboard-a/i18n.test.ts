import { describe, expect, it } from 'vitest';
import { catalogs, interpolate, translate } from '../../src/lib/i18n/catalog';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
	it('has every English key in Vietnamese and the other way round', () => {
		const en = Object.keys(catalogs.en).sort();
		const vi = Object.keys(catalogs.vi).sort();
		expect(en.length).toBeGreaterThan(50);
		expect(vi.filter((k) => !(k in catalogs.en))).toEqual([]);
		expect(en.filter((k) => !(k in catalogs.vi))).toEqual([]);
	});

	it('uses the same placeholders in both languages', () => {
		const mismatched = Object.keys(catalogs.en).filter(
			(k) =>
				catalogs.vi[k] !== undefined &&
				placeholders(catalogs.en[k]!).join() !== placeholders(catalogs.vi[k]!).join()
		);
		expect(mismatched).toEqual([]);
	});

	it('translates with parameters and falls back to English, then to the key', () => {
		expect(translate('vi', 'nav.segments')).toBe('Phân khúc');
		expect(translate('en', 'table.page', { page: 2, pages: 9 })).toBe('Page 2 of 9');
		expect(translate('vi', 'no.such.key')).toBe('no.such.key');
		expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
	});
});
