import { page } from '$app/state';
import { isMessageKey, translate, type MessageKey } from './catalog';
import { formatters, isLang, type Formatters, type Lang } from './format';

export { LANGS, formatters, isLang, parseDay, type Formatters, type Lang, type DateGrain } from './format';
export { isMessageKey, translate, type MessageKey } from './catalog';

/**
 * The current UI language: the root layout's data (`lang`, from the 'lang' cookie). Read during rendering
 * (components, templates, $derived), where SvelteKit binds `page` to the current request.
 */
export function currentLang(): Lang {
	const lang = (page.data as { lang?: unknown } | undefined)?.lang;
	return isLang(lang) ? lang : 'en';
}

/** The message `key` in the current language; `{name}` placeholders are filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(currentLang(), key, params);
}

/** Formatters (numbers, VND, percentages, dates) for the current language. */
export function fmt(): Formatters {
	return formatters(currentLang());
}

/**
 * A message whose key is built at run time from data (a segment's or channel's code): its text when the catalogue
 * has `key`, otherwise `fallback` (the code itself as the data spells it). The one place an unchecked key is used.
 */
export function tOr(key: string, fallback: string, params?: Record<string, string | number>): string {
	return isMessageKey(key) ? t(key, params) : fallback;
}
