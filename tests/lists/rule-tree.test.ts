import { describe, expect, it } from 'vitest';
import { parsedValue, shownValue } from '../../src/routes/lists/rule-tree';

/** The builder asks for a probability in % and stores it 0..1, as the rule checks and compiles it. */
describe('builder values', () => {
	const share = { type: 'number' as const, share: true };
	const money = { type: 'number' as const, share: false };
	it('shows a probability in % and reads it back', () => {
		expect(shownValue(share, 0.7)).toBe('70');
		expect(shownValue(share, 0.07)).toBe('7');
		expect(shownValue(share, 0.834)).toBe('83.4');
		expect(parsedValue(share, '70')).toBe(0.7);
		expect(parsedValue(share, '7')).toBe(0.07);
		expect(parsedValue(share, '83.4')).toBe(0.834);
		for (const v of [0.05, 0.1, 0.333, 0.9, 1]) expect(parsedValue(share, shownValue(share, v))).toBe(v);
	});
	it('leaves other numbers and texts alone', () => {
		expect(shownValue(money, 1234.5)).toBe('1234.5');
		expect(parsedValue(money, '1234.5')).toBe(1234.5);
		expect(parsedValue(money, '')).toBeNull();
		expect(parsedValue({ type: 'category' }, 'at_risk')).toBe('at_risk');
		expect(shownValue(money, null)).toBe('');
	});
});
