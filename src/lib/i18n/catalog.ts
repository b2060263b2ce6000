import type { Lang } from './format';
import { interpolate } from './interpolate';
import * as auth from './messages/auth';
import * as campaigns from './messages/campaigns';
import * as channels from './messages/channels';
import * as cohorts from './messages/cohorts';
import * as common from './messages/common';
import * as customers from './messages/customers';
import * as data from './messages/data';
import * as goals from './messages/goals';
import * as lists from './messages/lists';
import * as models from './messages/models';
import * as overview from './messages/overview';
import * as products from './messages/products';
import * as segments from './messages/segments';
import * as settings from './messages/settings';

/**
 * Message catalogues: every file in ./messages exports `en` (flat key -> text; keys are prefixed by the feature,
 * e.g. 'segments.title') and `vi`, typed `Record<keyof typeof en, string>` so that a Vietnamese text missing or
 * left over fails the type check. A feature adds its own file and lists it in MODULES. Text may contain {name}
 * placeholders.
 */
export { interpolate };

const MODULES = [
	auth,
	campaigns,
	channels,
	cohorts,
	common,
	customers,
	data,
	goals,
	lists,
	models,
	overview,
	products,
	segments,
	settings
] as const;

type Union<T> = T extends readonly (infer U)[] ? U : never;
type Intersect<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every message key: the keys of the English catalogues. */
export type MessageKey = keyof Intersect<Union<typeof MODULES>['en']> & string;
export type Messages = Record<MessageKey, string>;

function merge(lang: Lang): Messages {
	const out: Record<string, string> = {};
	for (const mod of MODULES) Object.assign(out, mod[lang]);
	return out as Messages;
}

export const catalogs: Record<Lang, Messages> = { en: merge('en'), vi: merge('vi') };

/** Whether `key` is a message key (for keys built at run time from data, e.g. a segment's name). */
export function isMessageKey(key: string): key is MessageKey {
	return Object.hasOwn(catalogs.en, key);
}

/** The text for `key` in `lang`, falling back to English and then to the key itself. */
export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
	const text = (catalogs[lang] as Record<string, string | undefined>)[key] ?? catalogs.en[key] ?? key;
	return interpolate(text, params);
}
