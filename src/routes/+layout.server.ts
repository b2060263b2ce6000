import { DEFAULT_CURRENCY, isLang } from '$lib/i18n/format';
import { appDb } from '$lib/server/app-db';
import { currencySetting } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

// Only the file names are used (lazy glob: nothing is imported), so pages skip endpoints that do not exist yet
// instead of requesting them and logging 404s in the browser.
const endpointFiles = import.meta.glob('/src/routes/api/**/+server.ts');
const apiEndpoints = Object.keys(endpointFiles).map((p) =>
	p.replace(/^\/src\/routes\/api\//, '').replace(/\/\+server\.ts$/, '')
);

/**
 * The UI language from the 'lang' cookie (set by the EN/VI switch), the database's currency (settings table; the
 * settings page invalidates 'app:settings' when it changes) and the metrics API's endpoints.
 */
export const load: LayoutServerLoad = async ({ cookies, depends }) => {
	depends('app:lang', 'app:settings');
	const lang = cookies.get('lang');
	const currency = await appDb()
		.then((db) => currencySetting(db))
		.then((c) => c.code)
		// a database that cannot be opened is reported by the page's own requests; the frame still renders
		.catch(() => DEFAULT_CURRENCY);
	return { lang: isLang(lang) ? lang : 'en', currency, apiEndpoints };
};
