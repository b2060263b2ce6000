import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, GRAINS, LIFECYCLE_STAGES, metricParams, snapshotParams } from '../../src/lib/filters';
import { filterParams, filtersSchema } from '../../src/lib/server/metrics/filters';
import { periodParamsSchema } from '../../src/lib/server/metrics/kpis';
import { FIELDS } from '../../src/lib/server/lists/fields';

const root = process.cwd();
const doc = readFileSync(join(root, 'docs', 'ARCHITECTURE.md'), 'utf8');

/** The walk of one filter in docs/ARCHITECTURE.md: its section, and every `file:line` `symbol` reference in it. */
function walk(): { steps: number; refs: { file: string; line: number; symbol: string }[] } {
	const start = doc.indexOf('## One filter from URL to SQL and back');
	const end = doc.indexOf('\n## ', start + 1);
	const section = doc.slice(start, end);
	const refs = [...section.matchAll(/`([\w./+[\]-]+):(\d+)`\s*`(\w+)`/g)].map((m) => ({
		file: m[1]!,
		line: Number(m[2]),
		symbol: m[3]!
	}));
	const steps = section.split('\n').filter((l) => /^\d+\. /.test(l)).length;
	return { steps, refs };
}

describe('docs/ARCHITECTURE.md: the walk of one filter from URL to SQL and back', () => {
	it('has at most 6 steps', () => {
		const { steps } = walk();
		expect(steps).toBeGreaterThan(0);
		expect(steps).toBeLessThanOrEqual(6);
	});

	it('points at lines that still hold what it names', () => {
		const { refs } = walk();
		expect(refs.length).toBeGreaterThanOrEqual(8);
		const wrong = refs.flatMap(({ file, line, symbol }) => {
			const path = join(root, file);
			if (!existsSync(path)) return [`${file}: no such file`];
			const lines = readFileSync(path, 'utf8').split('\n');
			if ((lines[line - 1] ?? '').includes(symbol)) return [];
			const now = lines.findIndex((l) => l.includes(symbol));
			return [`${file}:${line} does not hold ${symbol}${now >= 0 ? ` (line ${now + 1} does)` : ''}`];
		});
		expect(wrong).toEqual([]);
	});
});

describe('the filter state is declared once (src/lib/filters.ts)', () => {
	const schemaKeys = Object.keys(filtersSchema.shape);

	it('the API validates every URL filter key (grain as period) and binds every key it validates', () => {
		for (const key of FILTER_KEYS) {
			if (key === 'grain') expect(periodParamsSchema.shape).toHaveProperty('period');
			else expect(schemaKeys).toContain(key);
		}
		expect(Object.keys(filterParams({})).sort()).toEqual([...schemaKeys].sort());
	});

	it('grains and lifecycle stages are the lists the API, the rule fields and the pages use', () => {
		expect(periodParamsSchema.shape.period.unwrap().options).toEqual([...GRAINS]);
		expect(filtersSchema.shape.lifecycle.unwrap().options).toEqual([...LIFECYCLE_STAGES]);
		const lifecycleField = FIELDS.find((f) => f.key === 'lifecycle_stage');
		expect(lifecycleField?.values).toEqual(LIFECYCLE_STAGES);
	});

	it('turns the URL into API parameters: grain -> period, empty values left out', () => {
		const url = new URL('http://x/?grain=week&region=H%C3%A0%20N%E1%BB%99i&country=&page=3');
		expect(metricParams(url)).toEqual({ region: 'Hà Nội', period: 'week' });
		expect(snapshotParams(url)).toEqual({ region: 'Hà Nội' });
		expect(metricParams(new URL('http://x/?grain=decade'))).toEqual({ period: 'month' });
	});
});
