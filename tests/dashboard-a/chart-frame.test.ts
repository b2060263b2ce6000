import { scaleLinear, scaleUtc } from 'd3';
import { describe, expect, it } from 'vitest';
import { nearest, plotArea, tickLabelWidth, ticksAlong, tipPosition } from '../../src/lib/charts/frame';
import { formatters } from '../../src/lib/i18n/format';
import { asButton } from '../../src/lib/charts/marks';

describe('chart shell geometry (src/lib/charts/frame.ts)', () => {
	it('the plot area is the frame less its margins, never under 10 px', () => {
		expect(plotArea(640, 260, { top: 12, right: 16, bottom: 30, left: 52 })).toEqual({ w: 572, h: 218 });
		expect(plotArea(40, 20, { top: 12, right: 16, bottom: 30, left: 52 })).toEqual({ w: 10, h: 10 });
	});

	it('tickLabelWidth grows with the widest label, so a y title can clear Vietnamese compact counts', () => {
		const vi = formatters('vi');
		const y = scaleLinear().domain([0, 2000]).range([100, 0]);
		const viTicks = ticksAlong(y, 100, 45, (n) => vi.compact(n));
		expect(viTicks.map((t) => t.label)).toContain('2 nghìn');
		expect(tickLabelWidth(viTicks)).toBeGreaterThan(tickLabelWidth([{ label: '2K' }]) + 20);
		expect(tickLabelWidth([{ label: '1,5 nghìn' }])).toBe(56);
		expect(tickLabelWidth([])).toBe(0);
	});

	it('nearest picks the closest position, the first of a tie, null when there are none', () => {
		expect(nearest([0, 50, 100, 150], 112)).toBe(2);
		expect(nearest([0, 50, 100, 150], 75)).toBe(1);
		expect(nearest([0, 50, 100, 150], -40)).toBe(0);
		expect(nearest([0, 50, 100, 150], 999)).toBe(3);
		expect(nearest([], 10)).toBeNull();
		expect(nearest([10, 30], 20)).toBe(0);
	});

	it('ticksAlong places about one tick per spacing at the scale position with its label', () => {
		const y = scaleLinear().domain([0, 100]).range([200, 0]);
		const ticks = ticksAlong(y, 200, 45, (v) => `${v}%`);
		expect(ticks[0]).toEqual({ pos: 200, label: '0%' });
		expect(ticks.at(-1)).toEqual({ pos: 0, label: '100%' });
		expect(ticks.length).toBeGreaterThanOrEqual(3);
		expect(ticks.length).toBeLessThanOrEqual(11);
		// a short axis still gets two ticks at least
		expect(ticksAlong(y, 20, 45, String).length).toBeGreaterThanOrEqual(2);
		const x = scaleUtc()
			.domain([new Date('2024-01-01'), new Date('2024-12-31')])
			.range([0, 600]);
		const dates = ticksAlong(x, 600, 95, (d) => d.toISOString().slice(0, 7));
		expect(dates[0]).toEqual({ pos: 0, label: '2024-01' });
		expect(dates.every((t, i) => i === 0 || t.pos > dates[i - 1]!.pos)).toBe(true);
	});

	it('asButton makes a mark a labelled focusable button only when it can be selected', () => {
		expect(asButton(true, () => 'Champions: 12')).toEqual({
			role: 'button',
			tabindex: 0,
			'aria-label': 'Champions: 12'
		});
		let asked = false;
		expect(
			asButton(false, () => {
				asked = true;
				return 'x';
			})
		).toEqual({});
		expect(asked).toBe(false);
	});

	it('tipPosition keeps the tooltip beside its point and inside the container', () => {
		const box = { w: 340, h: 400 };
		// room on the right and below: right of and below the point
		expect(tipPosition({ x: 20, y: 30 }, { w: 100, h: 50 }, box)).toEqual({ left: 32, top: 42 });
		// no room on the right: left of the point
		expect(tipPosition({ x: 300, y: 30 }, { w: 100, h: 50 }, box)).toEqual({ left: 188, top: 42 });
		// no room on either side (a 390 px phone): against the edge, never past it
		expect(tipPosition({ x: 100, y: 30 }, { w: 300, h: 50 }, box)).toEqual({ left: 40, top: 42 });
		expect(tipPosition({ x: 200, y: 30 }, { w: 300, h: 50 }, box).left).toBe(0);
		// as wide as the container: at its left edge
		expect(tipPosition({ x: 200, y: 30 }, { w: 340, h: 50 }, box).left).toBe(0);
		// no room below: above the point
		expect(tipPosition({ x: 20, y: 380 }, { w: 100, h: 50 }, box)).toEqual({ left: 32, top: 318 });
		// no room above either: below it
		expect(tipPosition({ x: 20, y: 30 }, { w: 100, h: 390 }, box).top).toBe(42);
	});
});
