import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { CELL_LIMIT_BYTES, IngestError, MAX_LINE_BYTES, ingestFile } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tableCounts, tempFile } from './helpers';

const opts = { now: NOW, noRefresh: true } as const;

describe('size limits of an ingest (#20)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	it("quarantines a row with a cell over the limit as 'cell too large', keeping its size, not its text", async () => {
		const atLimit = 'w'.repeat(CELL_LIMIT_BYTES);
		const over = 'x'.repeat(CELL_LIMIT_BYTES + 1);
		// 3 bytes a character: the limit is on UTF-8 bytes
		const wide = 'ự'.repeat(Math.ceil((CELL_LIMIT_BYTES + 1) / 3));
		const file = tempFile(
			'cells.csv',
			'customer_id,occurred_at,amount,channel,note\n' +
				`c1,2024-01-01,5,${atLimit},ok\n` +
				`c2,2024-01-02,6,web,${over}\n` +
				`c3,2024-01-03,7,${wide},x\n` +
				'c4,2024-01-04,8,web,fine\n'
		);
		const report = await ingestFile(db, file, opts);
		expect(report.rows_read).toBe(4);
		expect(report.rows_loaded).toBe(2);
		expect(report.reasons).toEqual({ 'cell too large': 2 });
		const q = await db.sql<{ source_line: number; note: string; size: number }>(
			`SELECT source_line, raw->>'note' AS note, strlen(raw::VARCHAR) AS size FROM quarantine ORDER BY source_line`
		);
		expect(q.map((r) => r.source_line)).toEqual([3, 4]);
		expect(q[0]!.note).toBe(`${'x'.repeat(200)}… (${CELL_LIMIT_BYTES + 1} bytes)`);
		expect(Math.max(...q.map((r) => r.size))).toBeLessThan(2000);
		const channels = await db.sql<{ n: number }>('SELECT max(strlen(channel)) AS n FROM interactions');
		expect(Number(channels[0]!.n)).toBe(CELL_LIMIT_BYTES);
	});

	it('applies the cell limit to customers files too', async () => {
		const file = tempFile(
			'customers.csv',
			`customer_id,name,notes\nc1,An,short\nc2,Binh,${'n'.repeat(CELL_LIMIT_BYTES + 10)}\n`
		);
		const report = await ingestFile(db, file, { ...opts, kind: 'customers' });
		expect(report.rows_loaded).toBe(1);
		expect(report.reasons).toEqual({ 'cell too large': 1 });
	});

	it("names DuckDB's line limit and the line, not 'CSV Error on Line: 1'", { timeout: 60_000 }, async () => {
		const size = MAX_LINE_BYTES + 1_000_000;
		const file = tempFile(
			'long.csv',
			`customer_id,occurred_at,amount,channel\nc1,2024-01-01,5,web\nc2,2024-01-02,5,${'y'.repeat(size)}\nc3,2024-01-03,5,web\n`
		);
		const before = await tableCounts(db);
		const e = await ingestFile(db, file, opts).then(
			() => undefined,
			(err: unknown) => err
		);
		expect(e).toBeInstanceOf(IngestError);
		const message = (e as Error).message;
		expect(message).toContain('line 3 is 17.0 MiB');
		expect(message).toContain("over the CSV line limit of 16.0 MiB (DuckDB's max_line_size)");
		expect(message).not.toContain('CSV Error on Line');
		expect(await tableCounts(db)).toEqual(before);
	});
});
