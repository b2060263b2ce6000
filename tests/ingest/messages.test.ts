import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
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
		expect(e.message).toMatch(
			/rename the columns in the header line, or pick one with --map <field>=<name as read>, e\.g\. --map <field>=Amount_1/
		);
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

	const text =
		'customer_id,occurred_at,channel,amount\nNguyễn,2024-01-05,cửa hàng,10\nc2,2024-01-06,web,20\nc3,2024-01-07,web,30\n';
	const utf16be = (t: string): Buffer => {
		const le = Buffer.from(t, 'utf16le');
		for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
		return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
	};
	const converted = () => readdirSync(tmpdir()).filter((f) => f.startsWith('crm-ingest-')).length;

	for (const [encoding, bytes] of [
		['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
		['utf-16be', utf16be(text)]
	] as const) {
		it(`reads a ${encoding} file (BOM) as its text, and the same text in UTF-8 is the same content`, async () => {
			const file = tempFile('orders.csv', bytes);
			const copies = converted();
			const report = await ingestFile(db, file, opts);
			expect(report.encoding).toBe(encoding);
			expect(report.rows_loaded).toBe(3);
			expect(report.rows_quarantined).toBe(0);
			expect(converted()).toBe(copies);
			const rows = await db.sql<{
				customer_id: string;
				channel: string;
				source_file: string;
				source_line: number;
			}>('SELECT customer_id, channel, source_file, source_line FROM interactions ORDER BY source_line');
			expect(rows[0]).toEqual({
				customer_id: 'Nguyễn',
				channel: 'cửa hàng',
				source_file: file,
				source_line: 2
			});
			const again = await ingestFile(db, tempFile('orders-utf8.csv', text), opts);
			expect(again.skipped).toMatch(/already ingested/);
		});
	}

	it('reads a Latin-1 (Windows-1252) file converted, instead of quarantining its accented rows', async () => {
		const latin =
			'customer_id,occurred_at,channel,amount\nc1,2024-01-05,café,10\nc2,2024-01-06,Müller €,20\n';
		const file = tempFile('latin1.csv', Buffer.from(latin.replace('€', '\x80'), 'latin1'));
		const report = await ingestFile(db, file, opts);
		expect(report.encoding).toBe('windows-1252');
		expect(report.rows_loaded).toBe(2);
		expect(report.rows_quarantined).toBe(0);
		const channels = await db.sql<{ channel: string }>(
			'SELECT channel FROM interactions ORDER BY source_line'
		);
		expect(channels.map((r) => r.channel)).toEqual(['café', 'müller €']);
	});

	it('hashes the decompressed content: foo.csv.gz after foo.csv is the same ingest, and the ids are the same', async () => {
		const csv = 'customer_id,occurred_at,amount\nc1,2024-01-05,10\nc2,2024-01-06,20\n';
		const gz = gzipSync(Buffer.from(csv));
		const first = await ingestFile(db, tempFile('foo.csv.gz', gz), opts);
		expect(first.rows_loaded).toBe(2);
		const hash = await db.sql<{ h: string }>('SELECT content_hash AS h FROM ingests');
		expect(hash[0]?.h).toBe(createHash('sha256').update(csv).digest('hex'));
		const plain = await ingestFile(db, tempFile('foo.csv', csv), opts);
		expect(plain.skipped).toMatch(/already ingested \(ingest 1:/);
	});

	it('still recognises a gzip file ingested before #20 by the hash of its compressed bytes', async () => {
		const csv = 'customer_id,occurred_at,amount\nc1,2024-01-05,10\n';
		const gz = gzipSync(Buffer.from(csv));
		await ingestFile(db, tempFile('old.csv.gz', gz), opts);
		await db.sql('UPDATE ingests SET content_hash = $h', {
			h: createHash('sha256').update(gz).digest('hex')
		});
		const again = await ingestFile(db, tempFile('old.csv.gz', gz), opts);
		expect(again.skipped).toMatch(/already ingested/);
		const n = await db.sql<{ n: number }>('SELECT count(*) AS n FROM interactions');
		expect(Number(n[0]?.n)).toBe(1);
	});
});
