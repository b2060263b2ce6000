import { page } from '$app/state';
import { translate } from './catalog';
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
export { translate } from './catalog';

/**
 * The current UI language: the root layout's data (`lang`, from the 'lang' cookie). Read during rendering
 * (components, templates, $derived), where SvelteKit binds `page` to the current request.
 */
export function currentLang(): Lang {
	const lang = (page.data as { lang?: unknown } | undefined)?.lang;
	return isLang(lang) ? lang : 'en';
}

/** The message `key` in the current language; `{name}` placeholders are filled from `params`. */
export function t(key: string, params?: Record<string, string | number>): string {
	return translate(currentLang(), key, params);
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
