import { describe, expect, it } from 'vitest';
import type { KpiRow } from '../../src/lib/api/endpoints';
import { headlinePeriod, missingChangeReason, partialPeriods } from '../../src/lib/components/reshape';

const row = (period: string, complete: boolean, partial: boolean): KpiRow => ({
	period,
	period_end: period,
	complete,
	partial,
	metric: 'revenue',
	value: 1,
	previous: null,
	change: null,
	change_rel: null,
	year_ago: null,
	yoy_change: null,
	yoy_change_rel: null
});

describe('partial periods on the Overview', () => {
	// Online Retail II at the year grain: 2009 holds one month of data, 2011 ends on 9 December
	const years = [
		row('2009-01-01', true, true),
		row('2010-01-01', true, false),
		row('2011-01-01', false, true)
	];

	it('the cards describe the latest whole period, and say why it has no change', () => {
		expect(partialPeriods(years)).toEqual(['2009-01-01', '2011-01-01']);
		expect(headlinePeriod(years)).toBe('2010-01-01');
		expect(missingChangeReason(years, '2010-01-01', 'previous')).toBe('partial');
		expect(missingChangeReason(years, '2010-01-01', 'year')).toBe('partial');
		expect(missingChangeReason(years, '2009-01-01', 'previous')).toBe('none');
	});

	it('with no whole period the latest one is shown', () => {
		expect(headlinePeriod([row('2024-01-01', false, true)])).toBe('2024-01-01');
		expect(headlinePeriod([])).toBeNull();
	});
});
