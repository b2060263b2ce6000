/**
 * Number, money, percentage and date formatting for one UI language. Pure (no Svelte, no SvelteKit), so that it
 * can be unit-tested and used by charts, tables and KPI cards alike. Money is in the database's currency (setting
 * 'currency', VND by default, handed to every page by the root layout); dates arrive from the API as
 * 'YYYY-MM-DD' strings and are formatted as calendar dates (UTC) so that no time zone shifts them by a day.
 */
export type Lang = 'en' | 'vi';
export const LANGS: readonly Lang[] = ['en', 'vi'];
export type DateGrain = 'day' | 'week' | 'month' | 'quarter' | 'year';

export const LOCALES: Record<Lang, string> = { en: 'en', vi: 'vi-VN' };

export function isLang(v: unknown): v is Lang {
	return v === 'en' || v === 'vi';
}

export interface Formatters {
	lang: Lang;
	locale: string;
	/** 1,234.5 / 1.234,5 */
	number(n: number | null | undefined, maxDigits?: number): string;
	integer(n: number | null | undefined): string;
	/** share 0..1 as a percentage: 0.123 -> 12.3% */
	percent(share: number | null | undefined, digits?: number): string;
	/** a relative change 0..1 with a sign: +3.2% / −1.0% */
	change(share: number | null | undefined, digits?: number): string;
	/** a change of a rate in percentage points, with a sign: 0.031 -> +3.1 pp / +3,1 điểm % */
	points(diff: number | null | undefined, digits?: number): string;
	/** ISO 4217 code of the money formats */
	currencyCode: string;
	/** money with the currency's own decimals: ₫1,234,567 / 1.234.567 ₫, £426.12 / 426,12 £ */
	currency(n: number | null | undefined): string;
	/** short numbers for axes and cards: 1.2M / 1,2 tr */
	compact(n: number | null | undefined): string;
	/** short money for axes and cards: ₫1.2B / 1,2 tỷ ₫, £1.1M / 1,1 triệu £ */
	compactCurrency(n: number | null | undefined): string;
	/**
	 * 'YYYY-MM-DD' (or a Date) at a grain: day "Mar 5, 2024" / "05/03/2024", month "Mar 2024" / "03/2024",
	 * quarter "Q1 2024", year "2024"
	 */
	date(d: string | Date | null | undefined, grain?: DateGrain): string;
	/** short axis labels: "Mar" / "T3", "Mar 5" / "05/03", "2024" */
	dateShort(d: string | Date | null | undefined, grain?: DateGrain): string;
}

const DASH = '–';

export function parseDay(d: string | Date): Date {
	if (d instanceof Date) return d;
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
	if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return new Date(d);
}

export const DEFAULT_CURRENCY = 'VND';

/** A well-formed ISO 4217 code (Intl formats any such code; the server checks the setting against the list). */
function knownCurrency(code: string): boolean {
	return /^[A-Z]{3}$/.test(code);
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** dd/mm of a calendar date (UTC): 28/08 */
const dayMonth = (date: Date) => `${pad2(date.getUTCDate())}/${pad2(date.getUTCMonth() + 1)}`;

function finite(n: number | null | undefined): n is number {
	return typeof n === 'number' && Number.isFinite(n);
}

const cache = new Map<string, Formatters>();

/** `make()`'s value, made on the first call and kept. */
function once<T>(make: () => T): () => T {
	let value: T | undefined;
	return () => (value ??= make());
}

/** The formats of one language for money in `currency` (an ISO 4217 code; an unknown code falls back to VND). */
export function formatters(lang: Lang, currency: string = DEFAULT_CURRENCY): Formatters {
	const cacheKey = `${lang}:${currency}`;
	const hit = cache.get(cacheKey);
	if (hit) return hit;
	const code = knownCurrency(currency) ? currency : DEFAULT_CURRENCY;
	const locale = LOCALES[lang];
	// number formats by their options, each made on first use and kept
	const numberFormats = new Map<string, Intl.NumberFormat>();
	const intl = (key: string, options: Intl.NumberFormatOptions) => {
		let f = numberFormats.get(key);
		if (!f) {
			f = new Intl.NumberFormat(locale, options);
			numberFormats.set(key, f);
		}
		return f;
	};
	const num = (digits: number) => intl(`n${digits}`, { maximumFractionDigits: digits });
	const pctFmt = (digits: number, sign: boolean) =>
		intl(`p${digits}${sign}`, {
			style: 'percent',
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
			signDisplay: sign ? 'exceptZero' : 'auto'
		});
	const signed = (digits: number) =>
		intl(`s${digits}`, {
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
			signDisplay: 'exceptZero'
		});
	// each made on first use: building an Intl format costs about a millisecond or more the first time in a page
	// the currency's own decimals (VND none, GBP two)
	const money = once(() => new Intl.NumberFormat(locale, { style: 'currency', currency: code }));
	const symbol = once(
		() =>
			new Intl.NumberFormat(locale, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' })
				.formatToParts(0)
				.find((p) => p.type === 'currency')?.value ?? code
	);
	const compactNum = once(
		() =>
			new Intl.NumberFormat(locale, {
				notation: 'compact',
				compactDisplay: lang === 'vi' ? 'long' : 'short',
				maximumFractionDigits: 1
			})
	);
	// Vietnamese readers expect "1,2 tỷ ₫" (long compact words, the symbol after), English "₫1.2B".
	const compactMoney = once(() =>
		lang === 'vi'
			? { format: (n: number) => `${compactNum().format(n)} ${symbol()}` }
			: new Intl.NumberFormat(locale, {
					notation: 'compact',
					style: 'currency',
					currency: code,
					currencyDisplay: 'narrowSymbol',
					maximumFractionDigits: 1
				})
	);
	const dayFmt = once(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }));
	const monthFmt = once(
		() => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
	);
	const monthShort = once(() => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }));
	const dayShort = once(
		() => new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' })
	);
	const quarterWord = lang === 'vi' ? 'Q' : 'Q';

	const f: Formatters = {
		lang,
		locale,
		currencyCode: code,
		number: (n, maxDigits = 1) => (finite(n) ? num(maxDigits).format(n) : DASH),
		integer: (n) => (finite(n) ? num(0).format(Math.round(n)) : DASH),
		percent: (s, digits = 1) => (finite(s) ? pctFmt(digits, false).format(s) : DASH),
		change: (s, digits = 1) => (finite(s) ? pctFmt(digits, true).format(s).replace('-', '−') : DASH),
		points: (d, digits = 1) =>
			finite(d)
				? `${signed(digits)
						.format(d * 100)
						.replace('-', '−')}${lang === 'vi' ? ' điểm %' : ' pp'}`
				: DASH,
		currency: (n) => (finite(n) ? money().format(n) : DASH),
		compact: (n) => (finite(n) ? compactNum().format(n) : DASH),
		compactCurrency: (n) => (finite(n) ? compactMoney().format(n) : DASH),
		date(d, grain = 'day') {
			if (d === null || d === undefined || d === '') return DASH;
			const date = parseDay(d);
			if (Number.isNaN(date.getTime())) return String(d);
			switch (grain) {
				case 'year':
					return String(date.getUTCFullYear());
				case 'quarter':
					return `${quarterWord}${Math.floor(date.getUTCMonth() / 3) + 1} ${date.getUTCFullYear()}`;
				case 'month':
					// Vietnamese writes months and days in numbers: 08/2025, 28/08/2025
					return lang === 'vi'
						? `${pad2(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`
						: monthFmt().format(date);
				default:
					return lang === 'vi' ? `${dayMonth(date)}/${date.getUTCFullYear()}` : dayFmt().format(date);
			}
		},
		dateShort(d, grain = 'day') {
			if (d === null || d === undefined || d === '') return DASH;
			const date = parseDay(d);
			if (Number.isNaN(date.getTime())) return String(d);
			switch (grain) {
				case 'year':
					return String(date.getUTCFullYear());
				case 'quarter':
					return `${quarterWord}${Math.floor(date.getUTCMonth() / 3) + 1} ${String(date.getUTCFullYear()).slice(2)}`;
				case 'month':
					if (date.getUTCMonth() === 0) return String(date.getUTCFullYear());
					// "Tháng 4" is too wide for an axis; Vietnamese charts write T4
					return lang === 'vi' ? `T${date.getUTCMonth() + 1}` : monthShort().format(date);
				default:
					return lang === 'vi' ? dayMonth(date) : dayShort().format(date);
			}
		}
	};
	cache.set(cacheKey, f);
	return f;
}
