import { page } from '$app/state';
import type { MessageKey } from './catalog';
import { interpolate } from './interpolate';
import { DEFAULT_CURRENCY, formatters, isLang, type Formatters, type Lang } from './format';

export {
	LANGS,
	DEFAULT_CURRENCY,
	formatters,
	isLang,
	parseDay,
	type Formatters,
	type Lang,
	type DateGrain
} from './format';
export type { MessageKey, Messages } from './catalog';

/**
 * The current UI language: the root layout's data (`lang`, from the 'lang' cookie). Read during rendering
 * (components, templates, $derived), where SvelteKit binds `page` to the current request.
 */
export function currentLang(): Lang {
	const lang = (page.data as { lang?: unknown } | undefined)?.lang;
	return isLang(lang) ? lang : 'en';
}

/**
 * The current language's messages: the root layout's data (`messages`, catalog.ts on the server), so a page's
 * scripts carry no catalogue and the browser receives one language, once (the layout's data is reloaded only when
 * the language changes).
 */
function messages(): Partial<Record<string, string>> {
	return (page.data as { messages?: Partial<Record<string, string>> } | undefined)?.messages ?? {};
}

/** The message `key` in the current language; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return interpolate(messages()[key] ?? key, params);
}

/** Whether `key` is a message key (for keys built at run time from data, e.g. a segment's name). */
function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(messages(), key);
}

/** The database's currency: the root layout's data (`currency`, from the settings table). */
export function currentCurrency(): string {
	const currency = (page.data as { currency?: unknown } | undefined)?.currency;
	return typeof currency === 'string' ? currency : DEFAULT_CURRENCY;
}

/** Formatters (numbers, money in the database's currency, percentages, dates) for the current language. */
export function fmt(): Formatters {
	return formatters(currentLang(), currentCurrency());
}

/**
 * A message whose key is built at run time from data (a segment's or channel's code): its text when the catalogue
 * has `key`, otherwise `fallback` (the code itself as the data spells it). The one place an unchecked key is used.
 */
export function tOr(key: string, fallback: string, params?: Record<string, string | number>): string {
	return isMessageKey(key) ? t(key, params) : fallback;
}

/** A channel's name as the data codes it ('web', 'zalo', 'sales'...), or the code itself for one not in the catalogue. */
export function channelLabel(code: string | null | undefined): string {
	if (code === null || code === undefined || code === '') return t('channel.none');
	return tOr(`channel.${code}`, code);
}

/** A breakdown value of the dimension `by` (a channel's code is named; a region is shown as the data spells it). */
export function breakdownLabel(by: string | null, value: string | null | undefined): string {
	if (value === null || value === undefined || value === '') return t('cohorts.unknown');
	return by?.endsWith('channel') ? channelLabel(value) : value;
}
