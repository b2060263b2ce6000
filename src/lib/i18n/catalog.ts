import type { Lang } from './format';

/**
 * Message catalogues: every file in ./messages exports `en` and `vi` (flat key -> text; keys are prefixed by the
 * feature, e.g. 'segments.title'). Files are picked up automatically, so a feature adds its own file and touches
 * nothing else. Text may contain {name} placeholders.
 */
export type Messages = Record<string, string>;
type MessageModule = { en: Messages; vi: Messages };

const modules = import.meta.glob<MessageModule>('./messages/*.ts', { eager: true });

function merge(lang: Lang): Messages {
	const out: Messages = {};
	for (const mod of Object.values(modules)) Object.assign(out, mod[lang]);
	return out;
}

export const catalogs: Record<Lang, Messages> = { en: merge('en'), vi: merge('vi') };

/** Replaces {name} placeholders; unknown placeholders stay visible so a missing parameter is noticed. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text for `key` in `lang`, falling back to English and then to the key itself. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
	const text = catalogs[lang][key] ?? catalogs.en[key] ?? key;
	return interpolate(text, params);
}
