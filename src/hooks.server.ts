import type { Handle } from '@sveltejs/kit';

export const handle: Handle = async ({ event, resolve }) => {
	const lang = event.cookies.get('lang') === 'vi' ? 'vi' : 'en';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', lang) });
};
