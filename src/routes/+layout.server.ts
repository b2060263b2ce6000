import { DEFAULT_CURRENCY, isLang } from '$lib/i18n/format';
import { appDb } from '$lib/server/app-db';
import { currencySetting } from '$lib/server/db';
import { interactionTypes } from '$lib/server/metrics/interaction-types';
import type { LayoutServerLoad } from './$types';

// Only the file names are used (lazy glob: nothing is imported), so pages skip endpoints that do not exist yet
// instead of requesting them and logging 404s in the browser.
const endpointFiles = import.meta.glob('/src/routes/api/**/+server.ts');
const apiEndpoints = Object.keys(endpointFiles).map((p) =>
	p.replace(/^\/src\/routes\/api\//, '').replace(/\/\+server\.ts$/, '')
);

/**
 * The UI language from the 'lang' cookie (set by the EN/VI switch), the metrics API's endpoints, the database's
 * currency (settings table; the settings page invalidates 'app:settings' when it changes), and the interaction
 * types the database holds (kept until the data changes; null when the database cannot be read now), from which an
 * empty panel tells "this data has no surveys" from "nothing matches these filters" (ChartFrame `needs`). An ingest
 * on the Data page reloads it (invalidateAll).
 */
export const load: LayoutServerLoad = async ({ cookies, depends }) => {
	depends('app:lang', 'app:settings');
	const lang = cookies.get('lang');
	const db = appDb();
	const [currency, types] = await Promise.all([
		db
			.then((d) => currencySetting(d))
			.then((c) => c.code)
			// a database that cannot be opened is reported by the page's own requests; the frame still renders
			.catch(() => DEFAULT_CURRENCY),
		db.then((d) => interactionTypes(d)).catch(() => null)
	]);
	return { lang: isLang(lang) ? lang : 'en', currency, apiEndpoints, interactionTypes: types };
};
