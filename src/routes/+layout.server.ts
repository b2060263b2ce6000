import { isLang } from '$lib/i18n/format';
import { appDb } from '$lib/server/app-db';
import { interactionTypes } from '$lib/server/metrics/interaction-types';
import type { LayoutServerLoad } from './$types';

// Only the file names are used (lazy glob: nothing is imported), so pages skip endpoints that do not exist yet
// instead of requesting them and logging 404s in the browser.
const endpointFiles = import.meta.glob('/src/routes/api/**/+server.ts');
const apiEndpoints = Object.keys(endpointFiles).map((p) =>
	p.replace(/^\/src\/routes\/api\//, '').replace(/\/\+server\.ts$/, '')
);

/**
 * The UI language from the 'lang' cookie (set by the EN/VI switch), the metrics API's endpoints, and the interaction
 * types the database holds (kept until the data changes; null when the database cannot be read now), from which an
 * empty panel tells "this data has no surveys" from "nothing matches these filters" (ChartFrame `needs`). An ingest
 * on the Data page reloads it (invalidateAll).
 */
export const load: LayoutServerLoad = async ({ cookies, depends }) => {
	depends('app:lang');
	const lang = cookies.get('lang');
	const types = await appDb()
		.then((db) => interactionTypes(db))
		.catch(() => null);
	return { lang: isLang(lang) ? lang : 'en', apiEndpoints, interactionTypes: types };
};
