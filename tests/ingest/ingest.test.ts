import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import type { Database } from '../../src/lib/server/db';
import { currencySetting, setSetting } from '../../src/lib/server/db';
import { IngestError, ingestFile } from '../../src/lib/server/ingest';
import { freshness } from '../../src/lib/server/derived/registry';
import { tempDb } from '../helpers/db';
import { NOW, tableCounts, tempFile, removeTempFiles } from './helpers';

interface Loaded {
	interaction_id: string;
	customer_id: string;
	occurred_at: string;
	type: string;
	channel: string | null;
	order_id: string | null;
	amount: string | null;
	quantity: number | null;
	product_id: string | null;
	csat: number | null;
	resolved_at: string | null;
	source_line: number;
}

async function loadedRows(db: Database): Promise<Loaded[]> {
	return db.sql<Loaded>(
		`SELECT interaction_id, customer_id, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at, type, channel,
			order_id, amount::VARCHAR AS amount, quantity, product_id, csat,
			strftime(resolved_at, '%Y-%m-%d %H:%M:%S') AS resolved_at, source_line
		 FROM interactions ORDER BY source_file, source_line`
	);
}

describe('ingestFile (interactions)', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	it('detects common column names whatever their case, spaces or underscores', async () => {
		const file = tempFile(
			'orders.csv',
			'Customer ID,InvoiceDate,Invoice No,Total,Sales Channel\nc1,2024-03-01 09:30:00,INV-1,150000,  Zalo \n'
		);
		const r = await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect(r.columns).toEqual({
			customer_id: 'Customer ID',
			occurred_at: 'InvoiceDate',
			order_id: 'Invoice No',
			amount: 'Total',
			channel: 'Sales Channel'
		});
		expect(r.rows_loaded).toBe(1);
		const [row] = await loadedRows(db);
		expect(row).toMatchObject({
			customer_id: 'c1',
			occurred_at: '2024-03-01 09:30:00',
			order_id: 'INV-1',
			amount: '150000.00',
			channel: 'zalo',
			type: 'purchase',
			source_line: 2
		});
	});

	it('--map overrides detection and a missing field names the columns found', async () => {
		const file = tempFile('x.csv', 'who,when,paid\nc1,2024-03-01,10\n');
		await expect(ingestFile(db, file, { now: NOW })).rejects.toThrow(
			"no column for 'customer_id', 'occurred_at'; found: 'who', 'when', 'paid'. Name the column with --map customer_id=<column> --map occurred_at=<column>"
		);
		await expect(ingestFile(db, file, { now: NOW, map: { occurred_at: 'nope' } })).rejects.toThrow(
			"--map occurred_at=nope: the file has no column 'nope'; found: who, when, paid"
		);
		const r = await ingestFile(db, file, {
			now: NOW,
			noRefresh: true,
			map: { customer_id: 'who', occurred_at: 'when', amount: 'paid' }
		});
		expect(r.rows_loaded).toBe(1);
		expect((await loadedRows(db))[0]).toMatchObject({ customer_id: 'c1', amount: '10.00' });
	});

	it('keeps zone-less times as local wall-clock and converts zoned times into the business zone', async () => {
		const file = tempFile(
			'tz.csv',
			[
				'customer_id,occurred_at',
				'c1,2024-03-01 09:30:00',
				'c2,2024-03-01T02:30:00Z',
				'c3,2024-03-01T09:30:00+07:00',
				'c4,2024-03-01 03:30:00-05',
				'c5,31/12/2024 23:59'
			].join('\n')
		);
		await ingestFile(db, file, { now: new Date('2025-06-01T00:00:00Z'), noRefresh: true });
		expect((await loadedRows(db)).map((r) => r.occurred_at)).toEqual([
			'2024-03-01 09:30:00',
			'2024-03-01 09:30:00',
			'2024-03-01 09:30:00',
			'2024-03-01 15:30:00',
			'2024-12-31 23:59:00'
		]);
	});

	it('uses the time zone setting', async () => {
		await setSetting(db, 'timezone', 'Europe/London');
		const file = tempFile(
			'tz2.csv',
			'customer_id,occurred_at\nc1,2024-07-01T12:00:00Z\nc2,2024-07-01 12:00:00\n'
		);
		await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect((await loadedRows(db)).map((r) => r.occurred_at)).toEqual([
			'2024-07-01 13:00:00',
			'2024-07-01 12:00:00'
		]);
	});

	it('reads month-first dates when the file can only be month-first', async () => {
		const file = tempFile('us.csv', 'customer_id,date\nc1,12/31/2024\nc2,01/02/2024\n');
		await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect((await loadedRows(db)).map((r) => r.occurred_at)).toEqual([
			'2024-12-31 00:00:00',
			'2024-01-02 00:00:00'
		]);
	});

	it('normalises types and synonyms, makes refunds negative, quarantines unknown types', async () => {
		const file = tempFile(
			'types.csv',
			[
				'customer_id,timestamp,type,amount,csat,resolved_at',
				'c1,2024-01-01,Order,100,,',
				'c1,2024-01-02,return,40,,',
				'c1,2024-01-03,Email Open,,,',
				'c1,2024-01-04,email-click,,,',
				'c1,2024-01-05,ticket,,,2024-01-06 10:00',
				'c1,2024-01-06,survey,,4,',
				'c1,2024-01-07,phone call,,,',
				'c1,2024-01-08,visit,,,',
				'c1,2024-01-09,hologram,,,',
				'c1,2024-01-10,refund,-25.5,,'
			].join('\n')
		);
		const r = await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect(r.reasons).toEqual({ 'unknown type': 1 });
		const rows = await loadedRows(db);
		expect(rows.map((x) => [x.type, x.amount])).toEqual([
			['purchase', '100.00'],
			['refund', '-40.00'],
			['email_open', null],
			['email_click', null],
			['support_ticket', null],
			['survey', null],
			['call', null],
			['web_visit', null],
			['refund', '-25.50']
		]);
		expect(rows[4]?.resolved_at).toBe('2024-01-06 10:00:00');
		expect(rows[5]?.csat).toBe(4);
	});

	it('without a type column, a row is a purchase, or a refund when its amount is negative; quantity x price', async () => {
		const file = tempFile(
			'lines.csv',
			'customer_id,order_date,qty,unit price\nc1,2024-01-01,3,2.50\nc2,2024-01-01,-1,2.50\n'
		);
		await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect((await loadedRows(db)).map((x) => [x.type, x.amount, x.quantity])).toEqual([
			['purchase', '7.50', 3],
			['refund', '-2.50', -1]
		]);
	});

	it('takes interaction_id from the input, else derives it deterministically from the content', async () => {
		const content = 'customer_id,occurred_at\nc1,2024-01-01\nc2,2024-01-02\n';
		const a = tempFile('a.csv', content);
		await ingestFile(db, a, { now: NOW, noRefresh: true });
		const ids = (await loadedRows(db)).map((r) => r.interaction_id);
		expect(new Set(ids).size).toBe(2);
		expect(ids[0]).toMatch(/^[0-9a-f]{16}:1$/);
		const other = await tempDb();
		try {
			await ingestFile(other.db, tempFile('renamed.csv', content), { now: NOW, noRefresh: true });
			expect((await loadedRows(other.db)).map((r) => r.interaction_id)).toEqual(ids);
		} finally {
			other.cleanup();
		}
	});

	it('quarantines an id already in the database', async () => {
		await ingestFile(db, tempFile('1.csv', 'interaction_id,customer_id,occurred_at\ne1,c1,2024-01-01\n'), {
			now: NOW,
			noRefresh: true
		});
		const r = await ingestFile(
			db,
			tempFile('2.csv', 'interaction_id,customer_id,occurred_at\ne1,c1,2024-01-01\ne2,c1,2024-01-02\n'),
			{ now: NOW, noRefresh: true }
		);
		expect(r).toMatchObject({ rows_loaded: 1, rows_quarantined: 1, reasons: { 'duplicate id': 1 } });
	});

	it('ingesting the same content twice changes nothing and says so', async () => {
		const content = 'customer_id,occurred_at,amount\nc1,2024-01-01,5\nc2,2024-01-02,x\n';
		const first = await ingestFile(db, tempFile('once.csv', content), { now: NOW, noRefresh: true });
		const before = await tableCounts(db);
		const second = await ingestFile(db, tempFile('again-other-name.csv', content), {
			now: NOW,
			noRefresh: true
		});
		expect(second.skipped).toMatch(/^already ingested \(ingest \d+: 1 rows loaded, 1 quarantined\)$/);
		expect(second.rows_loaded).toBe(0);
		expect(await tableCounts(db)).toEqual(before);
		expect(first.skipped).toBeUndefined();
	});

	it('--dedupe exact quarantines repeated identical rows as "duplicate row"; none keeps them', async () => {
		const content = 'customer_id,occurred_at,amount\nc1,2024-01-01,5\nc1,2024-01-01,5\nc1,2024-01-01,6\n';
		const r = await ingestFile(db, tempFile('d.csv', content), {
			now: NOW,
			noRefresh: true,
			dedupe: 'exact'
		});
		expect(r).toMatchObject({ rows_loaded: 2, rows_quarantined: 1, reasons: { 'duplicate row': 1 } });
		const q = await db.sql<{ source_line: number }>('SELECT source_line FROM quarantine');
		expect(q).toEqual([{ source_line: 3 }]);
		const other = await tempDb();
		try {
			const kept = await ingestFile(other.db, tempFile('d.csv', content), { now: NOW, noRefresh: true });
			expect(kept.rows_loaded).toBe(3);
		} finally {
			other.cleanup();
		}
	});

	it('cdnow: every row is a purchase and identical rows are all kept; --dedupe exact is refused', async () => {
		const content =
			'customer_id,date,quantity,amount\n1,1997-01-01,1,11.77\n1,1997-01-01,1,11.77\n2,1997-01-12,2,0.00\n';
		const file = tempFile('cdnow.csv', content);
		await expect(ingestFile(db, file, { preset: 'cdnow', dedupe: 'exact' })).rejects.toThrow(IngestError);
		const r = await ingestFile(db, file, { preset: 'cdnow', now: NOW, noRefresh: true });
		expect(r).toMatchObject({ rows_read: 3, rows_loaded: 3, rows_quarantined: 0 });
		expect((await loadedRows(db)).map((x) => [x.type, x.amount, x.quantity])).toEqual([
			['purchase', '11.77', 1],
			['purchase', '11.77', 1],
			['purchase', '0.00', 2]
		]);
	});

	it('online-retail: C invoices are refunds, negative quantities and A adjustments are quarantined, customers get their country', async () => {
		const content = [
			'invoice,stock_code,description,quantity,invoice_date,unit_price,customer_id,country',
			'489434,85048,"GLASS BALL, 20 LIGHTS",12,2009-12-01T07:45:00,6.95,13085,United Kingdom',
			'C489449,22087,PAPER BUNTING,-12,2009-12-01T10:33:00,2.95,16321,Australia',
			'489450,21000,damaged,-40,2009-12-01T10:40:00,0,,United Kingdom',
			'489451,22000,NO CUSTOMER,3,2009-12-01T10:41:00,1.25,,United Kingdom',
			'A563185,B,Adjust bad debt,1,2011-08-12T14:50:00,11062.06,,United Kingdom',
			'489452,22001,FREE,2,2009-12-02T11:00:00,0,13085,United Kingdom'
		].join('\n');
		const r = await ingestFile(db, tempFile('retail.csv', content), {
			preset: 'online-retail',
			now: NOW,
			noRefresh: true
		});
		expect(r).toMatchObject({
			rows_read: 6,
			rows_loaded: 3,
			rows_quarantined: 3,
			reasons: { 'negative quantity': 1, 'missing customer id': 1, 'bad debt adjustment': 1 }
		});
		expect(
			(await loadedRows(db)).map((x) => [x.type, x.order_id, x.amount, x.quantity, x.product_id])
		).toEqual([
			['purchase', '489434', '83.40', 12, '85048'],
			['refund', 'C489449', '-35.40', -12, '22087'],
			['purchase', '489452', '0.00', 2, '22001']
		]);
		const customers = await db.sql('SELECT customer_id, country FROM customers ORDER BY 1');
		expect(customers).toEqual([
			{ customer_id: '13085', country: 'United Kingdom' },
			{ customer_id: '16321', country: 'Australia' }
		]);
		// the layout says pounds sterling: the database takes GBP (no person had chosen a currency)
		expect(r.currency_set).toBe('GBP');
		expect(await currencySetting(db)).toEqual({ code: 'GBP', source: 'preset' });
	});

	it('reads CSV, gzip CSV, TSV, Parquet, JSON and NDJSON of the same rows alike', async () => {
		const csv =
			'customer_id,occurred_at,type,amount\nc1,2024-01-01 10:00:00,purchase,5\nc2,2024-01-02 11:00:00,oops,6\n';
		const src = tempFile('src.csv', csv);
		const dir = src.slice(0, src.lastIndexOf('/'));
		await db.exec(
			`COPY (SELECT * FROM read_csv($f, all_varchar = true)) TO '${dir}/x.parquet' (FORMAT parquet)`,
			{
				f: src
			}
		);
		await db.exec(
			`COPY (SELECT * FROM read_csv($f, all_varchar = true)) TO '${dir}/x.ndjson' (FORMAT json)`,
			{ f: src }
		);
		await db.exec(
			`COPY (SELECT * FROM read_csv($f, all_varchar = true)) TO '${dir}/x.json' (FORMAT json, ARRAY true)`,
			{
				f: src
			}
		);
		const files = [
			src,
			tempFile('x.csv.gz', gzipSync(csv + '\n')),
			tempFile('x.tsv', csv.replaceAll(',', '\t') + '\n\n'),
			`${dir}/x.parquet`,
			`${dir}/x.ndjson`,
			`${dir}/x.json`
		];
		for (const f of files) {
			const r = await ingestFile(db, f, { now: NOW, noRefresh: true });
			expect([f.slice(f.lastIndexOf('/') + 1), r.rows_read, r.rows_loaded, r.reasons]).toEqual([
				f.slice(f.lastIndexOf('/') + 1),
				2,
				1,
				{ 'unknown type': 1 }
			]);
		}
		const formats = await db.sql<{ f: string }>(
			"SELECT options->>'format' AS f FROM ingests ORDER BY ingest_id"
		);
		expect(formats.map((x) => x.f)).toEqual(['csv', 'csv', 'csv', 'parquet', 'json', 'json']);
	});

	it('keeps Vietnamese text intact', async () => {
		const file = tempFile(
			'vi.csv',
			'mã,customer_id,date,category,channel\n1,kh-01,2024-05-01,Đồ gia dụng,Cửa Hàng\n'
		);
		await ingestFile(db, file, { now: NOW, noRefresh: true });
		expect(await db.sql('SELECT category, channel FROM interactions')).toEqual([
			{ category: 'Đồ gia dụng', channel: 'cửa hàng' }
		]);
	});

	it('records the quarantine with file, line, raw values and reason', async () => {
		const file = tempFile('q.csv', 'customer_id,occurred_at,amount\nc1,2024-01-01,5\n,2024-01-01,"1,5"\n');
		await ingestFile(db, file, { now: NOW, noRefresh: true });
		const q = await db.sql<{ source_file: string; source_line: number; reason: string; raw: string }>(
			'SELECT source_file, source_line, reason, raw::VARCHAR AS raw FROM quarantine'
		);
		expect(q).toEqual([
			{
				source_file: file,
				source_line: 3,
				reason: 'missing customer id',
				raw: '{"customer_id":null,"occurred_at":"2024-01-01","amount":"1,5"}'
			}
		]);
	});

	it('refreshes the derived tables after a load unless told not to', async () => {
		await ingestFile(db, tempFile('r1.csv', 'customer_id,date\nc1,2024-01-01\n'), { now: NOW });
		expect((await freshness(db)).entries.metrics!.current).toBe(true);
		expect((await freshness(db)).entries.periods!.current).toBe(true);
		await ingestFile(db, tempFile('r2.csv', 'customer_id,date\nc1,2024-01-02\n'), {
			now: NOW,
			noRefresh: true
		});
		expect((await freshness(db)).entries.metrics!.current).toBe(false);
	});
});
