import { isLang } from '$lib/i18n/format';
import type { LayoutServerLoad } from './$types';

// Only the file names are used (lazy glob: nothing is imported), so pages skip endpoints that do not exist yet
// instead of requesting them and logging 404s in the browser.
const endpointFiles = import.meta.glob('/src/routes/api/**/+server.ts');
const apiEndpoints = Object.keys(endpointFiles).map((p) =>
	p.replace(/^\/src\/routes\/api\//, '').replace(/\/\+server\.ts$/, '')
);

/** The UI language from the 'lang' cookie (set by the EN/VI switch) and the metrics API's endpoints. */
export const load: LayoutServerLoad = ({ cookies, depends }) => {
	depends('app:lang');
	const lang = cookies.get('lang');
	return { lang: isLang(lang) ? lang : 'en', apiEndpoints };
};
