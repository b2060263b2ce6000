import { catalogs } from '$lib/i18n/catalog';
import { DEFAULT_CURRENCY, isLang } from '$lib/i18n/format';
import { appDb } from '$lib/server/app-db';
import { currencySetting } from '$lib/server/db';
import { interactionTypes } from '$lib/server/metrics/interaction-types';
import type { LayoutServerLoad } from './$types';

/**
 * The UI language from the 'lang' cookie (set by the EN/VI switch) and its messages (t() reads them), the database's
 * currency (settings table; the settings page invalidates 'app:settings' when it changes), and the interaction
 * types the database holds (kept until the data changes; null when the database cannot be read now), from which an
 * empty panel tells "this data has no surveys" from "nothing matches these filters" (ChartFrame `needs`). An ingest
 * on the Data page reloads it (invalidateAll).
 */
export const load: LayoutServerLoad = async ({ cookies, depends, locals }) => {
	depends('app:lang', 'app:settings');
	const cookie = cookies.get('lang');
	const lang = isLang(cookie) ? cookie : 'en';
	const db = appDb();
	const [currency, types] = await Promise.all([
		db
			.then((d) => currencySetting(d))
			.then((c) => c.code)
			// a database that cannot be opened is reported by the page's own requests; the frame still renders
			.catch(() => DEFAULT_CURRENCY),
		db.then((d) => interactionTypes(d)).catch(() => null)
	]);
	// who is signed in (team mode) or null, and the mode for the header's banner (#19)
	const user = locals?.user ?? null;
	return {
		lang,
		messages: catalogs[lang],
		currency,
		interactionTypes: types,
		user,
		mode: locals?.mode ?? 'local'
	};
};
