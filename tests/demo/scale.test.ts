import { describe, expect, it } from 'vitest';
import { defaultTouchpoints, resolveDemoOptions, simulateAll } from '../../src/lib/server/demo';

/** Interactions of the first `sample` customers, scaled up to all customers (customer i does not depend on N). */
function extrapolatedInteractions(customers: number, sample = 5_000): number {
	const o = resolveDemoOptions({ customers });
	let events = 0;
	simulateAll(o, (_profile, ev) => (events += ev.size), sample);
	return (events / sample) * customers;
}

describe('crm demo scales its touchpoints with the number of customers', () => {
	it('keeps the full multiplier up to 20,000 customers and lowers it smoothly above', () => {
		expect(defaultTouchpoints(1)).toBe(1);
		expect(defaultTouchpoints(20_000)).toBe(1);
		expect(defaultTouchpoints(25_000)).toBeLessThan(1);
		expect(defaultTouchpoints(1_000_000)).toBeCloseTo(0.2261, 4);
		const sizes = [20_000, 50_000, 100_000, 250_000, 1_000_000, 5_000_000];
		const m = sizes.map(defaultTouchpoints);
		for (let i = 1; i < m.length; i++) expect(m[i]!).toBeLessThan(m[i - 1]!);
	});

	it('uses the rule only when neither --touchpoints nor --interactions is given', () => {
		expect(resolveDemoOptions({ customers: 1_000_000 }).touchpoints).toBe(defaultTouchpoints(1_000_000));
		expect(resolveDemoOptions({ customers: 1_000_000, touchpoints: 1 }).touchpoints).toBe(1);
		expect(resolveDemoOptions({}).touchpoints).toBe(1);
	});

	it('gives about 500,000 interactions for the default 20,000 customers and about 10M for 1,000,000', () => {
		const small = extrapolatedInteractions(20_000);
		const large = extrapolatedInteractions(1_000_000);
		expect(small).toBeGreaterThan(450_000);
		expect(small).toBeLessThan(550_000);
		expect(large).toBeGreaterThan(9_000_000);
		expect(large).toBeLessThan(11_000_000);
	});
});
