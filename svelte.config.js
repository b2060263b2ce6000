import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build' }),
		// Kit's own form check compares the Origin with a scheme adapter-node guesses (https without ORIGIN), which
		// refuses every form on plain http; hooks.server.ts checks the Origin's host of every non-GET request instead.
		csrf: { trustedOrigins: ['*'] },
		// Content-Security-Policy (#19): kit hashes (prerendered) or nonces (rendered) its own inline script, so no
		// 'unsafe-inline' for scripts; styles keep it (Svelte writes style attributes); no framing by other sites.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
