import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ isSsrBuild }) => ({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	build: isSsrBuild
		? {}
		: {
				rollupOptions: {
					output: {
						// The browser fetches a page's scripts over HTTP/1.1, six at a time: a few larger files load sooner
						// than many small ones. The libraries (Svelte, SvelteKit, apache-arrow, d3) are one file, our
						// shared code ($lib) another; each page's own code stays in its own file.
						codeSplitting: {
							groups: [
								{ name: 'vendor', test: /node_modules/, priority: 2 },
								{ name: 'lib', test: /[\\/]src[\\/]lib[\\/]/, priority: 1 }
							]
						}
					}
				}
			},
	test: {
		include: ['tests/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// DuckDB uses both cores per query; two test files at a time keeps the machine responsive.
		maxWorkers: 2
	}
}));
