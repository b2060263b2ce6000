import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../../src/lib/server/db';
import { ingestFile } from '../../src/lib/server/ingest';
import { contentHash } from '../../src/lib/server/ingest/source';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tempFile } from './helpers';

// Line numbers, derived ids and customer stubs come from the order of the checked rows (rowid), not from a column
// of the file: these tests pin them for a strictly read file and for one the lenient reader reads around rejects.
describe('source lines, derived ids and customer stubs', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	const prefixOf = (file: string): string =>
		createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

	it('numbers loaded rows, quarantined rows and first rows of new customers by their line in the file', async () => {
		const file = tempFile(
			'lines.csv',
			'customer_id,occurred_at,channel\nc2,2024-01-01,web\nc1,2024-01-02,\nc2,2024-01-03,store\n' +
				'c3,not a date,web\nc3,2024-01-04,web\n'
		);
		const r = await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect([r.rows_read, r.rows_loaded, r.rows_quarantined]).toEqual([5, 4, 1]);
		const p = prefixOf(file);
		expect(
			await db.sql(
				`SELECT interaction_id, customer_id, channel, csat, resolved_at, order_id, quantity, source_file, source_line
				 FROM interactions ORDER BY source_line`
			)
		).toEqual(
			[
				{ interaction_id: `${p}:1`, customer_id: 'c2', channel: 'web', source_line: 2 },
				{ interaction_id: `${p}:2`, customer_id: 'c1', channel: null, source_line: 3 },
				{ interaction_id: `${p}:3`, customer_id: 'c2', channel: 'store', source_line: 4 },
				{ interaction_id: `${p}:5`, customer_id: 'c3', channel: 'web', source_line: 6 }
			].map((row) => ({
				csat: null,
				resolved_at: null,
				order_id: null,
				quantity: null,
				source_file: file,
				...row
			}))
		);
		expect(await db.sql('SELECT source_line, reason FROM quarantine')).toEqual([
			{ source_line: 5, reason: 'unparseable date' }
		]);
		expect(await db.sql('SELECT customer_id, source_line FROM customers ORDER BY 1')).toEqual([
			{ customer_id: 'c1', source_line: 3 },
			{ customer_id: 'c2', source_line: 2 },
			{ customer_id: 'c3', source_line: 6 }
		]);
	});

	it('keeps the lines of a leniently read file, around the lines the reader rejected', async () => {
		const file = tempFile(
			'ragged.csv',
			'customer_id,occurred_at,type\nc1,2024-01-01,purchase\nc2,2024-01-02,purchase,extra\n' +
				'c2,2024-01-03,purchase\nc1,2024-01-04,teleport\nc3,2024-01-05\nc3,2024-01-06,purchase\n'
		);
		const r = await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect([r.rows_read, r.rows_loaded, r.rows_quarantined]).toEqual([6, 3, 3]);
		const rows = await db.sql<{ interaction_id: string; customer_id: string; source_line: number }>(
			'SELECT interaction_id, customer_id, source_line FROM interactions ORDER BY source_line'
		);
		expect(rows.map((row) => [row.customer_id, row.source_line])).toEqual([
			['c1', 2],
			['c2', 4],
			['c3', 7]
		]);
		expect(new Set(rows.map((row) => row.interaction_id)).size).toBe(3);
		for (const row of rows) expect(row.interaction_id.startsWith(`${prefixOf(file)}:`)).toBe(true);
		expect(await db.sql('SELECT source_line FROM quarantine ORDER BY 1')).toEqual([
			{ source_line: 3 },
			{ source_line: 5 },
			{ source_line: 6 }
		]);
		expect(await db.sql('SELECT customer_id, source_line FROM customers ORDER BY 1')).toEqual([
			{ customer_id: 'c1', source_line: 2 },
			{ customer_id: 'c2', source_line: 4 },
			{ customer_id: 'c3', source_line: 7 }
		]);
	});

	it('hashes the whole content, across the boundaries of the pieces it reads', async () => {
		for (const size of [1, (4 << 20) - 1, 4 << 20, (4 << 20) + 1, 9 << 20]) {
			const bytes = Buffer.alloc(size);
			for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 20)) & 255;
			const file = tempFile('bytes.bin', bytes);
			expect(await contentHash(file)).toBe(createHash('sha256').update(bytes).digest('hex'));
		}
	});
});
