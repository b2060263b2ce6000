import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { currencySetting } from '../../src/lib/server/db';
import { IngestError, ingestFile, type IngestOptions } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, tempFile, removeTempFiles } from './helpers';

interface Row {
	line: number;
	occurred_at: string | null;
	amount: string | null;
	reason: string | null;
}

/** Every row of the file in line order: loaded ones with their values, quarantined ones with their reason. */
async function rows(db: Database): Promise<Row[]> {
	return db.sql<Row>(
		`SELECT source_line AS line, strftime(occurred_at, '%Y-%m-%d %H:%M:%S') AS occurred_at,
			amount::VARCHAR AS amount, NULL AS reason FROM interactions
		 UNION ALL SELECT source_line, NULL, NULL, reason FROM quarantine
		 ORDER BY line`
	);
}

const csv = (lines: string[]): string => `customer_id,date,amount\n${lines.join('\n')}\n`;

describe('number and date formats of a file', () => {
	let db: Database;
	let cleanup: () => void;
	const ingest = (lines: string[], options: IngestOptions = {}) =>
		ingestFile(db, tempFile('f.csv', csv(lines)), { now: NOW, noRefresh: true, ...options });
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => {
		cleanup();
		removeTempFiles();
	});

	it('reads Vietnamese amounts with thousands dots and a ₫ / đ sign, and records the currency', async () => {
		const r = await ingest([
			'c1,2024-03-01,"150.000 ₫"',
			'c2,2024-03-02,25.000đ',
			'c3,2024-03-03,1.500',
			'c4,2024-03-04,200.000 VNĐ',
			'c5,2024-03-05,"50.000 đồng"',
			'c6,2024-03-06,10.000vnd'
		]);
		expect((await rows(db)).map((x) => x.amount)).toEqual([
			'150000.00',
			'25000.00',
			'1500.00',
			'200000.00',
			'50000.00',
			'10000.00'
		]);
		expect(r.formats).toMatchObject({ decimal: ',', thousands: '.', number_by: 'currency' });
		expect(r.currency_sign).toBe('VND');
		expect((await currencySetting(db)).code).toBe('VND');
	});

	it('a 1.500.000 or a 1.234,5 in the file decides thousands dots without any sign', async () => {
		const r = await ingest(['c1,2024-03-01,150.000', 'c2,2024-03-02,1.500.000', 'c3,2024-03-03,"12,5"']);
		expect((await rows(db)).map((x) => x.amount)).toEqual(['150000.00', '1500000.00', '12.50']);
		expect(r.formats).toMatchObject({ decimal: ',', number_by: 'file' });
		expect(r.currency_sign).toBeUndefined();
	});

	it('reads 1.234.567,89 with --decimal , and with --thousands .', async () => {
		const lines = ['c1,2024-03-01,"1.234.567,89"', 'c2,2024-03-02,"150.000"'];
		await ingest(lines, { decimal: ',' });
		expect((await rows(db)).map((x) => x.amount)).toEqual(['1234567.89', '150000.00']);
		const db2 = await tempDb();
		try {
			await ingestFile(db2.db, tempFile('g.csv', csv(lines)), { now: NOW, noRefresh: true, thousands: '.' });
			expect((await rows(db2.db)).map((x) => x.amount)).toEqual(['1234567.89', '150000.00']);
		} finally {
			db2.cleanup();
		}
	});

	it('quarantines 1.500 as ambiguous when nothing in the file tells, unless --decimal says', async () => {
		const lines = ['c1,2024-03-01,1.500', 'c2,2024-03-02,250', 'c3,2024-03-03,2.000'];
		const r = await ingest(lines);
		expect(await rows(db)).toMatchObject([
			{ line: 2, reason: 'ambiguous amount' },
			{ line: 3, amount: '250.00' },
			{ line: 4, reason: 'ambiguous amount' }
		]);
		expect(r.formats).toMatchObject({ amount_ambiguous: true });
		expect(r.notes?.[0]).toContain('--decimal');
		const r2 = await ingestFile(db, tempFile('again.csv', csv(lines.map((l) => l.replace('c', 'd')))), {
			now: NOW,
			noRefresh: true,
			decimal: '.'
		});
		expect(r2.rows_loaded).toBe(3);
		expect(r2.formats).toMatchObject({ decimal: '.', number_by: 'option', amount_ambiguous: false });
	});

	it('an English file reads as before: 1,234.56 and ISO dates, 1.500 a decimal when others have decimals', async () => {
		const r = await ingest([
			'c1,2024-03-01,"1,234.56"',
			'c2,2024-03-02 10:30:00,1.500',
			'c3,2024-03-03,12.5'
		]);
		expect(await rows(db)).toMatchObject([
			{ occurred_at: '2024-03-01 00:00:00', amount: '1234.56' },
			{ occurred_at: '2024-03-02 10:30:00', amount: '1.50' },
			{ occurred_at: '2024-03-03 00:00:00', amount: '12.50' }
		]);
		expect(r.formats).toMatchObject({ decimal: '.', number_by: 'file', dates_by: 'default' });
		expect(r.reasons).toEqual({});
		expect(r.notes).toBeUndefined();
		// 1,500 alone stays 1500, as before (no one writes 1.5 that way)
		const commas = await ingestFile(
			db,
			tempFile('commas.csv', csv(['e1,2024-03-01,"1,500"', 'e2,2024-03-02,"2,000"'])),
			{
				now: NOW,
				noRefresh: true
			}
		);
		expect(commas.formats).toMatchObject({ decimal: '.', number_by: 'default', amount_ambiguous: false });
		const amounts = await db.sql<{ a: string }>(
			"SELECT amount::VARCHAR AS a FROM interactions WHERE customer_id IN ('e1', 'e2') ORDER BY customer_id"
		);
		expect(amounts.map((x) => x.a)).toEqual(['1500.00', '2000.00']);
	});

	it('a Parquet column stored as numbers is read as numbers: DECIMAL(10,3) 1.500 is 1.5, even with --decimal ,', async () => {
		const file = tempFile('typed.parquet', '');
		await db.sql(
			`COPY (SELECT * FROM (VALUES ('p1', DATE '2024-03-01', 1.5::DECIMAL(10, 3), '1.500'),
				('p2', DATE '2024-03-02', 2::DECIMAL(10, 3), '2.000')) v(customer_id, date, amount, note))
			 TO '${file.replaceAll("'", "''")}' (FORMAT parquet)`
		);
		const r = await ingestFile(db, file, { now: NOW, noRefresh: true, decimal: ',' });
		expect(r.reasons).toEqual({});
		expect((await rows(db)).map((x) => x.amount)).toEqual(['1.50', '2.00']);
		const db2 = await tempDb();
		try {
			const r2 = await ingestFile(db2.db, file, { now: NOW, noRefresh: true });
			expect(r2.formats).toMatchObject({ amount_ambiguous: false, number_by: 'default' });
			expect((await rows(db2.db)).map((x) => x.amount)).toEqual(['1.50', '2.00']);
		} finally {
			db2.cleanup();
		}
	});

	it('amounts too large for the table are out of range, not non-numeric', async () => {
		const r = await ingest([
			'c1,2024-03-01,1e18',
			'c2,2024-03-02,9999999999999999.99',
			'c3,2024-03-03,123456789012345678',
			'c4,2024-03-04,abc',
			'c5,2024-03-05,1e3'
		]);
		expect((await rows(db)).map((x) => x.reason ?? x.amount)).toEqual([
			'amount out of range',
			'amount out of range',
			'amount out of range',
			'non-numeric amount',
			'1000.00'
		]);
		expect(r.reasons).toEqual({ 'amount out of range': 3, 'non-numeric amount': 1 });
		const vn = await ingestFile(db, tempFile('vn.csv', csv(['v1,2024-03-01,"123.456.789.012.345.678 ₫"'])), {
			now: NOW,
			noRefresh: true
		});
		expect(vn.reasons).toEqual({ 'amount out of range': 1 });
	});

	it('a £ on every amount sets the currency GBP; mixed signs set nothing', async () => {
		const r = await ingest(['c1,2024-03-01,£12.50', 'c2,2024-03-02,£3']);
		expect(r.currency_sign).toBe('GBP');
		expect(r.currency_set).toBe('GBP');
		expect((await currencySetting(db)).code).toBe('GBP');
		// VND from the file's own signs replaces a currency that no person chose.
		const vnd = await ingestFile(db, tempFile('vn.csv', csv(['v1,2024-03-01,50.000₫'])), {
			now: NOW,
			noRefresh: true
		});
		expect(vnd.currency_set).toBe('VND');
		const mixed = await ingestFile(
			db,
			tempFile('mix.csv', csv(['m1,2024-03-01,£12.50', 'm2,2024-03-01,$3'])),
			{
				now: NOW,
				noRefresh: true
			}
		);
		expect(mixed.currency_sign).toBeUndefined();
		expect(mixed.currency_set).toBeUndefined();
		expect(mixed.formats?.currency_signs).toEqual({ GBP: 1, USD: 1 });
		expect(mixed.notes?.join(' ')).toContain('several currencies');
		expect((await currencySetting(db)).code).toBe('VND');
	});

	it('two-digit years are ambiguous unless --date-format names them', async () => {
		const lines = ['c1,24-01-02,10', 'c2,02/01/24,10', 'c3,2024-01-05,10'];
		const r = await ingest(lines);
		expect(await rows(db)).toMatchObject([
			{ line: 2, reason: 'ambiguous date' },
			{ line: 3, reason: 'ambiguous date' },
			{ line: 4, occurred_at: '2024-01-05 00:00:00' }
		]);
		expect(r.notes?.join(' ')).toContain('--date-format');

		const ymd = await ingestFile(db, tempFile('ymd.csv', csv(['y1,24-01-02 10:00,10', 'y2,2024-01-02,10'])), {
			now: NOW,
			noRefresh: true,
			dateFormat: 'yy-mm-dd'
		});
		expect(ymd.reasons).toEqual({ 'unparseable date': 1 });
		const dmy = await ingestFile(db, tempFile('dmy.csv', csv(['d1,02/01/24,10'])), {
			now: NOW,
			noRefresh: true,
			dateFormat: '%d/%m/%y'
		});
		expect(dmy.rows_loaded).toBe(1);
		const loaded = await db.sql<{ c: string; d: string }>(
			"SELECT customer_id AS c, strftime(occurred_at, '%Y-%m-%d %H:%M') AS d FROM interactions WHERE customer_id IN ('y1', 'd1') ORDER BY c"
		);
		expect(loaded).toEqual([
			{ c: 'd1', d: '2024-01-02 00:00' },
			{ c: 'y1', d: '2024-01-02 10:00' }
		]);
	});

	it('a day above 12 in first place makes the file day first; otherwise dd/mm vs mm/dd is ambiguous', async () => {
		const r = await ingest(['c1,13/02/2024,10', 'c2,05/03/2024,10', 'c3,06/06/2024,10']);
		expect((await rows(db)).map((x) => x.occurred_at)).toEqual([
			'2024-02-13 00:00:00',
			'2024-03-05 00:00:00',
			'2024-06-06 00:00:00'
		]);
		expect(r.formats).toMatchObject({ dates: 'dd/mm/yyyy', dates_by: 'file' });

		const amb = await ingestFile(db, tempFile('amb.csv', csv(['a1,05/03/2024,10', 'a2,06/06/2024,10'])), {
			now: NOW,
			noRefresh: true
		});
		// 06/06 reads the same both ways and loads; 05/03 is 5 March or 3 May.
		expect(amb.reasons).toEqual({ 'ambiguous date': 1 });
		expect(amb.formats).toMatchObject({ dates: 'ambiguous', date_ambiguous: true });

		const us = await ingestFile(db, tempFile('us.csv', csv(['u1,05/03/2024,10'])), {
			now: NOW,
			noRefresh: true,
			dateFormat: 'mm/dd/yyyy'
		});
		expect(us.rows_loaded).toBe(1);
		const [u1] = await db.sql<{ d: string }>(
			"SELECT strftime(occurred_at, '%Y-%m-%d') AS d FROM interactions WHERE customer_id = 'u1'"
		);
		expect(u1?.d).toBe('2024-05-03');
	});

	it('a Vietnamese file (₫ amounts) reads undecided dates day first', async () => {
		const r = await ingest(['c1,05/03/2024,"150.000 ₫"']);
		expect(r.rows_loaded).toBe(1);
		expect(r.formats).toMatchObject({ dates: 'dd/mm/yyyy', dates_by: 'currency' });
		expect((await rows(db))[0]?.occurred_at).toBe('2024-03-05 00:00:00');
	});

	it('dates before the floor are quarantined; --min-date moves it', async () => {
		const r = await ingest(['c1,1899-12-30,10', 'c2,0001-01-01,10', 'c3,1995-06-01,10', 'c4,2024-01-01,10']);
		expect(r.reasons).toEqual({ 'date before 1990-01-01': 2 });
		const r2 = await ingestFile(db, tempFile('later.csv', csv(['d1,1995-06-01,10', 'd2,2024-01-01,10'])), {
			now: NOW,
			noRefresh: true,
			minDate: '2000-01-01'
		});
		expect(r2.reasons).toEqual({ 'date before 2000-01-01': 1 });
	});

	it('a bad --decimal, --date-format or --min-date is refused before anything is read', async () => {
		const file = tempFile('x.csv', csv(['c1,2024-01-01,1']));
		const bad: [IngestOptions, string][] = [
			[{ decimal: ';' as ',' }, '--decimal must be . or ,'],
			[{ decimal: ',', thousands: ',' }, 'must differ'],
			[{ dateFormat: 'dd/yyyy' }, '--date-format'],
			[{ dateFormat: 'yyyy-dd-mm' }, 'e.g. dd/mm/yyyy'],
			[{ minDate: '1990-13-01' }, 'write it as YYYY-MM-DD']
		];
		for (const [options, message] of bad) {
			const run = ingestFile(db, file, { now: NOW, noRefresh: true, ...options });
			await expect(run).rejects.toThrow(IngestError);
			await expect(ingestFile(db, file, { now: NOW, noRefresh: true, ...options })).rejects.toThrow(message);
		}
		expect((await db.sql<{ n: number }>('SELECT count(*) AS n FROM ingests'))[0]?.n).toBe(0);
	});
});
