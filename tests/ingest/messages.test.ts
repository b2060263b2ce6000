import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { IngestError, ingestFile } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tableCounts, tempFile } from './helpers';

const opts = { now: NOW, noRefresh: true } as const;

async function failure(p: Promise<unknown>): Promise<Error> {
	const e = await p.then(
		() => undefined,
		(err: unknown) => err
	);
	expect(e).toBeInstanceOf(IngestError);
	return e as Error;
}

describe('clear messages for files that cannot be read as they are (#20)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	it('refuses a file with a repeated column name, naming it and its positions; --map picks one', async () => {
		const file = tempFile(
			'dup.csv',
			'customer_id,occurred_at,amount,channel,Amount\nc1,2024-01-05,10,web,99\nc2,2024-01-06,20,web,98\n'
		);
		const before = await tableCounts(db);
		const e = await failure(ingestFile(db, file, opts));
		expect(e.message).toMatch(/repeated column names: 'amount' at columns 3, 5 \(read as amount, Amount_1\)/);
		expect(e.message).toMatch(/rename the columns in the header line, or pick one with --map <field>=<name as read>, e\.g\. --map <field>=Amount_1/);
		expect(await tableCounts(db)).toEqual(before);

		const report = await ingestFile(db, file, { ...opts, map: { amount: 'Amount_1' } });
		expect(report.rows_loaded).toBe(2);
		const sum = await db.sql<{ s: number }>('SELECT sum(amount)::DOUBLE AS s FROM interactions');
		expect(sum[0]?.s).toBe(197);
	});

	it('does not mistake a real column named like a renamed one for a repeat', async () => {
		const file = tempFile('ok.csv', 'customer_id,occurred_at,amount,amount_1\nc1,2024-01-05,10,5\n');
		const report = await ingestFile(db, file, opts);
		expect(report.rows_loaded).toBe(1);
	});

	it('quarantines the lines of an NDJSON file that are not JSON objects, with their line; the rest loads', async () => {
		const lines = [
			'{"customer_id":"c1","occurred_at":"2024-01-05","amount":10.5}',
			'',
			'{"customer_id":"c2","occurred_at":',
			'[1,2]',
			'{"customer_id":"c3","occurred_at":"2024-01-06","amount":12,"note":"a/b ~ \\"q\\""}',
			'{"occurred_at":"2024-01-07","customer_id":"c4","amount":1.5}'
		];
		const file = tempFile('events.ndjson', lines.join('\n') + '\n');
		const report = await ingestFile(db, file, opts);
		expect(report.rows_read).toBe(5);
		expect(report.rows_loaded).toBe(3);
		expect(report.reasons).toEqual({ 'malformed row: invalid json': 1, 'malformed row: not an object': 1 });
		expect(report.rows_read).toBe(report.rows_loaded + report.rows_quarantined);
		const q = await db.sql<{ source_line: number; reason: string; raw: string }>(
			'SELECT source_line, reason, raw::VARCHAR AS raw FROM quarantine ORDER BY source_line'
		);
		expect(q.map((r) => [r.source_line, r.reason])).toEqual([
			[2, 'malformed row: invalid json'],
			[3, 'malformed row: not an object']
		]);
		expect(JSON.parse(q[0]!.raw)).toEqual({ line: lines[2], error: 'not valid JSON' });
		const rows = await db.sql<{ customer_id: string; source_line: number; amount: number }>(
			'SELECT customer_id, source_line, amount::DOUBLE AS amount FROM interactions ORDER BY source_line'
		);
		// Record numbers without blank lines, as for a file read whole.
		expect(rows).toEqual([
			{ customer_id: 'c1', source_line: 1, amount: 10.5 },
			{ customer_id: 'c3', source_line: 4, amount: 12 },
			{ customer_id: 'c4', source_line: 5, amount: 1.5 }
		]);
	});
});
