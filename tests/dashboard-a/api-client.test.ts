import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { apiUrl, tableRows } from '../../src/lib/api/client';
import { rowsToArrowIPC } from '../../src/lib/server/api/arrow';

describe('API client', () => {
	it('decodes the server Arrow IPC stream back into the same rows', () => {
		const rows = [
			{ period: '2024-01-01', metric: 'revenue', value: 1234.5, complete: true, n: 7n },
			{ period: '2024-02-01', metric: 'revenue', value: null, complete: false, n: 9n }
		];
		const decoded = tableRows<Record<string, unknown>>(tableFromIPC(rowsToArrowIPC(rows)));
		expect(decoded).toEqual([
			{ period: '2024-01-01', metric: 'revenue', value: 1234.5, complete: true, n: 7 },
			{ period: '2024-02-01', metric: 'revenue', value: null, complete: false, n: 9 }
		]);
	});

	it('takes the columns from the rows: every key, in the order they first appear', () => {
		const table = tableFromIPC(
			rowsToArrowIPC([
				{ a: 1, b: 'x' },
				{ a: 2, c: true }
			])
		);
		expect(table.schema.fields.map((f) => f.name)).toEqual(['a', 'b', 'c']);
		expect(tableRows(table)).toEqual([
			{ a: 1, b: 'x', c: null },
			{ a: 2, b: null, c: true }
		]);
	});

	it('decodes an empty result (no rows, so no columns, as its JSON is []) to no rows', () => {
		const table = tableFromIPC(rowsToArrowIPC([]));
		expect(table.numRows).toBe(0);
		expect(tableRows(table)).toEqual([]);
	});

	it('builds endpoint URLs without empty parameters', () => {
		expect(apiUrl('kpis', { period: 'month', region: '', segment: null, from: '2024-01-01' })).toBe(
			'/api/kpis?period=month&from=2024-01-01'
		);
		expect(apiUrl('segments')).toBe('/api/segments');
		expect(apiUrl('customers', { q: 'Nguyễn & co' })).toBe('/api/customers?q=Nguy%E1%BB%85n+%26+co');
	});
});
