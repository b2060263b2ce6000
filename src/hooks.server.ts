import type { Handle } from '@sveltejs/kit';

/** Response headers that load functions read, so they are kept when SSR responses are inlined for hydration. */
const SERIALIZED_HEADERS = new Set(['content-type', 'x-total-count']);

export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.cookies.get('lang') === 'vi' ? 'vi' : 'en';
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', lang),
		filterSerializedResponseHeaders: (name) => SERIALIZED_HEADERS.has(name.toLowerCase())
	});
};
