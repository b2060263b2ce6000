import { describe, expect, it } from 'vitest';
import { categorical, luminance, sequential, textColourOn, OKABE_ITO } from '../../src/lib/charts/palette';

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe('chart colours', () => {
	it('picks cell text with at least WCAG AA contrast (4.5:1) on every sequential colour', () => {
		for (const scheme of ['viridis', 'cividis'] as const) {
			const colour = sequential(scheme);
			for (let i = 0; i <= 100; i++) {
				const bg = colour(i / 100);
				const ink = textColourOn(bg);
				const ratio = contrast(luminance(bg), luminance(ink === '#fff' ? '#ffffff' : '#000000'));
				expect(ratio, `${scheme} ${i} ${bg} with ${ink}`).toBeGreaterThanOrEqual(4.5);
			}
		}
	});

	it('makes larger values darker in sequential scales', () => {
		const colour = sequential('viridis');
		expect(luminance(colour(1))).toBeLessThan(luminance(colour(0)));
	});

	it('gives distinct categorical colours for up to 16 categories', () => {
		const colours = Array.from({ length: 16 }, (_, i) => categorical(i));
		expect(new Set(colours).size).toBe(16);
		expect(colours.slice(0, 8)).toEqual([...OKABE_ITO]);
	});
});
