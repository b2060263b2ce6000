/**
 * What the browser's scripts leave out (issue #18: at most 110 KB of JavaScript per page, measured by
 * `npm run bench -- pages`): the Arrow decoder (the client asks for JSON) and the message catalogues (each page gets
 * its language's messages with the root layout's data). Checked on the production build's client files, so an
 * import that pulls either back in fails here, not only in the benchmark.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../src/lib/i18n/catalog';
import { ensureBuild, root } from './helpers/app';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		return statSync(p).isDirectory() ? files(p) : name.endsWith('.js') ? [p] : [];
	});
}

describe('browser scripts', () => {
	let scripts: { file: string; text: string }[] = [];
	beforeAll(() => {
		ensureBuild((m) => console.log(m));
		scripts = files(join(root, 'build', 'client')).map((file) => ({
			file,
			text: readFileSync(file, 'utf8')
		}));
	}, 600_000);

	it('finds the client build', () => {
		expect(scripts.length).toBeGreaterThan(5);
	});

	it('carry no Arrow IPC decoder', () => {
		// apache-arrow's IPC reader checks the stream's magic bytes, spelled 'ARROW1' in its code
		expect(scripts.filter((s) => s.text.includes('ARROW1')).map((s) => s.file)).toEqual([]);
	});

	it('carry no message catalogue, in either language', () => {
		// long messages, unlikely to appear in code for any other reason
		const probes = (['en', 'vi'] as const).flatMap((lang) =>
			Object.values(catalogs[lang])
				.filter((text) => text.length > 60)
				.slice(0, 5)
		);
		expect(probes.length).toBe(10);
		const found = scripts.filter((s) => probes.some((p) => s.text.includes(p))).map((s) => s.file);
		expect(found).toEqual([]);
	});
});
