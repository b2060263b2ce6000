import { describe, expect, it } from 'vitest';
import { filterSearch, hrefWith, searchWith } from '../../src/lib/components/url';
import { metricParams, snapshotParams } from '../../src/lib/api/params';

describe('URL state', () => {
	const url = new URL(
		'http://x/segments?from=2024-01-01&grain=week&region=H%C3%A0%20N%E1%BB%99i&grid=revenue&page=3'
	);

	it('changes some parameters and keeps the others', () => {
		expect(searchWith(url, { grid: null, page: 1 })).toBe(
			'?from=2024-01-01&grain=week&region=H%C3%A0+N%E1%BB%99i&page=1'
		);
		expect(hrefWith(new URL('http://x/a?b=1'), { b: null })).toBe('/a');
		expect(hrefWith(url, { q: 'x' }, '/customers')).toContain('/customers?');
	});

	it('carries only the global filters from page to page', () => {
		expect(filterSearch(url)).toBe('?from=2024-01-01&grain=week&region=H%C3%A0+N%E1%BB%99i');
	});

	it("maps the URL's grain to the API's period and drops empty filters", () => {
		expect(metricParams(url)).toEqual({ from: '2024-01-01', region: 'Hà Nội', period: 'week' });
		expect(snapshotParams(url)).toEqual({ from: '2024-01-01', region: 'Hà Nội' });
		expect(metricParams(new URL('http://x/?grain=bogus&to='))).toEqual({ period: 'month' });
	});
});
