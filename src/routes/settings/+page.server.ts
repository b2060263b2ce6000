import { appDb } from '$lib/server/app-db';
import { CURRENCY_PRESETS, businessTimeZone, currencySetting, getSetting } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** The settings page: the currency (a person may change it here) and the settings the CLI changes. */
export const load: PageServerLoad = async ({ depends }) => {
	depends('app:settings');
	const db = await appDb();
	const [currency, inactivity, timezone] = await Promise.all([
		currencySetting(db),
		getSetting(db, 'inactivity_days'),
		businessTimeZone(db)
	]);
	return {
		currencySetting: currency,
		presets: CURRENCY_PRESETS.map(String),
		inactivityDays: Number(inactivity ?? 90),
		timezone,
		filterFields: [] as never[]
	};
};
