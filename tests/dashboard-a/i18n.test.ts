import { describe, expect, it } from 'vitest';
import { catalogs, interpolate, isMessageKey, translate, type MessageKey } from '../../src/lib/i18n/catalog';

const en = catalogs.en as Record<string, string>;
const vi = catalogs.vi as Record<string, string | undefined>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * Words a Vietnamese text may share with the English one: names of things, abbreviations and codes that a
 * Vietnamese shop owner reads as they are. A text equal in both languages passes only when every word it has
 * (placeholders removed) is one of these, or it has no words at all ('{cohort} · {size}', '#').
 */
const SAME_IN_BOTH = new Set(
	[
		'RFM',
		'CLV',
		'CSAT',
		'Email',
		'SMS',
		'Zalo',
		'Facebook',
		'Google',
		'TikTok',
		'R',
		'F',
		'M',
		'CDNOW',
		'UCI'
	].concat(
		// language names are written in their own language; a data set's name is its name
		['English', 'Tiếng', 'Việt', 'Online', 'Retail']
	)
);

/** The keys whose Vietnamese text is missing, or is the English text although it has words to translate. */
function untranslated(enCat: Record<string, string>, viCat: Record<string, string | undefined>): string[] {
	return Object.keys(enCat).filter((k) => {
		const text = viCat[k];
		if (text === undefined || text.trim() === '') return true;
		if (text !== enCat[k]) return false;
		const words = text.replace(/\{\w+\}/g, ' ').match(/\p{L}+/gu) ?? [];
		return words.some((w) => !SAME_IN_BOTH.has(w) && !SAME_IN_BOTH.has(w[0]!.toUpperCase() + w.slice(1)));
	});
}

describe('message catalogues', () => {
	it('has every English key in Vietnamese and the other way round', () => {
		const enKeys = Object.keys(en).sort();
		expect(enKeys.length).toBeGreaterThan(50);
		expect(Object.keys(vi).filter((k) => !(k in en))).toEqual([]);
		expect(enKeys.filter((k) => !(k in vi))).toEqual([]);
	});

	it('translates every message into Vietnamese (none missing, none left in English)', () => {
		expect(untranslated(en, vi)).toEqual([]);
	});

	it('notices a missing, an empty and an untranslated Vietnamese text, and allows names and placeholders', () => {
		const enCat = {
			'a.missing': 'Customers',
			'a.empty': 'Revenue',
			'a.same': 'Net revenue',
			'a.mixed': 'Email {n}',
			'a.name': 'RFM',
			'a.email': 'email {email} · SMS {sms}',
			'a.code': '{cohort} · {size}',
			'a.ok': 'Orders'
		};
		const viCat = {
			'a.empty': ' ',
			'a.same': 'Net revenue',
			'a.mixed': 'Email {n}',
			'a.name': 'RFM',
			'a.email': 'email {email} · SMS {sms}',
			'a.code': '{cohort} · {size}',
			'a.ok': 'Đơn hàng'
		};
		expect(untranslated(enCat, viCat)).toEqual(['a.missing', 'a.empty', 'a.same']);
	});

	it('uses the same placeholders in both languages', () => {
		const mismatched = Object.keys(en).filter(
			(k) => vi[k] !== undefined && placeholders(en[k]!).join() !== placeholders(vi[k]!).join()
		);
		expect(mismatched).toEqual([]);
	});

	it('translates with parameters and falls back to English, then to the key', () => {
		expect(translate('vi', 'nav.segments')).toBe('Phân khúc');
		expect(translate('en', 'table.page', { page: 2, pages: 9 })).toBe('Page 2 of 9');
		expect(translate('vi', 'no.such.key' as MessageKey)).toBe('no.such.key');
		expect(isMessageKey('nav.segments')).toBe(true);
		expect(isMessageKey('no.such.key')).toBe(false);
		expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
	});
});
