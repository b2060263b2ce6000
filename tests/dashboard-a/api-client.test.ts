import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { apiUrl } from '../../src/lib/api/client';
import { arrowRows, rowsToArrowIPC } from '../../src/lib/server/api/arrow';
import { jsonRows } from '../../src/lib/server/api/respond';

describe('API client', () => {
	it('decodes the server Arrow IPC stream back into the same rows', () => {
		const rows = [
			{ period: '2024-01-01', metric: 'revenue', value: 1234.5, complete: true, n: 7n },
			{ period: '2024-02-01', metric: 'revenue', value: null, complete: false, n: 9n }
		];
		const decoded = arrowRows<Record<string, unknown>>(rowsToArrowIPC(rows));
		expect(decoded).toEqual([
			{ period: '2024-01-01', metric: 'revenue', value: 1234.5, complete: true, n: 7 },
			{ period: '2024-02-01', metric: 'revenue', value: null, complete: false, n: 9 }
		]);
	});

	it('takes the columns from the rows: every key, in the order they first appear', () => {
		const ipc = rowsToArrowIPC([
			{ a: 1, b: 'x' },
			{ a: 2, c: true }
		]);
		expect(tableFromIPC(ipc).schema.fields.map((f) => f.name)).toEqual(['a', 'b', 'c']);
		expect(arrowRows(ipc)).toEqual([
			{ a: 1, b: 'x', c: null },
			{ a: 2, b: null, c: true }
		]);
	});

	it('decodes an empty result (no rows, so no columns, as its JSON is []) to no rows', () => {
		const ipc = rowsToArrowIPC([]);
		expect(tableFromIPC(ipc).numRows).toBe(0);
		expect(arrowRows(ipc)).toEqual([]);
	});

	it('answers JSON rows as the client types them: every column on every row, integers as numbers, lists kept', () => {
		const rows = [
			{ day: new Date('2024-03-01T00:00:00Z'), n: 7n, channels: ['web', 'zalo'] },
			{ day: null, note: 'x' }
		];
		expect(JSON.parse(JSON.stringify(jsonRows(rows)))).toEqual([
			{ day: '2024-03-01T00:00:00.000Z', n: 7, channels: ['web', 'zalo'], note: null },
			{ day: null, n: null, channels: null, note: 'x' }
		]);
	});

	it('builds endpoint URLs without empty parameters', () => {
		expect(apiUrl('kpis', { period: 'month', region: '', segment: null, from: '2024-01-01' })).toBe(
			'/api/kpis?period=month&from=2024-01-01'
		);
		expect(apiUrl('segments')).toBe('/api/segments');
		expect(apiUrl('customers', { q: 'Nguyễn & co' })).toBe('/api/customers?q=Nguy%E1%BB%85n+%26+co');
	});
});
