import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Database, DatabaseCorruptedError } from '../../src/lib/server/db';
import { CELL_LIMIT_BYTES, IngestError, ingestFile, type IngestOptions } from '../../src/lib/server/ingest';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tableCounts, tempFile } from './helpers';

/**
 * The malformed-file suite of #20: files generated here, in the groups of the issue's audit (dates, amounts, cell
 * sizes, encodings, quoting, headers, JSON, compression, structure). Each loads right (its values checked, so no
 * silent misread) or is quarantined with a named reason, or is refused with a message that says why and writes
 * nothing. Accounting holds for every file: rows_read = loaded + quarantined = what the tables gained.
 */
type Expect =
	| {
			loaded: number;
			reasons?: Record<string, number>;
			/** SQL over the loaded rows and the value it must give (the file read right). */
			check?: [string, unknown];
	  }
	| { error: RegExp };

interface Case {
	group: string;
	name: string;
	content: string | Buffer;
	options?: IngestOptions;
	expect: Expect;
}

const H = 'customer_id,occurred_at,amount';
const csv = (...rows: string[]) => [H, ...rows].join('\n') + '\n';
const amounts = "SELECT string_agg(amount::VARCHAR, ' ' ORDER BY source_line) AS v FROM interactions";
const days =
	"SELECT string_agg(strftime(occurred_at, '%Y-%m-%d'), ' ' ORDER BY source_line) AS v FROM interactions";
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const vi =
	'customer_id,occurred_at,amount,category\nc1,2024-01-05,10,Cà phê sữa đá\nc2,2024-01-06,20,Bánh mì\n';
const viCheck: [string, unknown] = [
	"SELECT string_agg(category, '|' ORDER BY source_line) AS v FROM interactions",
	'Cà phê sữa đá|Bánh mì'
];

const CASES: Case[] = [
	// dates (issue group 3, and the impossible dates of group 2)
	{
		group: 'dates',
		name: 'two-digit-years.csv',
		content: csv('c1,24-01-02,5', 'c2,02/01/24,6', 'c3,2024-01-03,7'),
		expect: { loaded: 1, reasons: { 'ambiguous date': 2 }, check: [days, '2024-01-03'] }
	},
	{
		group: 'dates',
		name: 'two-digit-years-with-format.csv',
		content: csv('c1,02/01/24,5', 'c2,31/12/23,6'),
		options: { dateFormat: 'dd/mm/yy' },
		expect: { loaded: 2, check: [days, '2024-01-02 2023-12-31'] }
	},
	{
		group: 'dates',
		name: 'before-1990.csv',
		content: csv('c1,0001-01-01,5', 'c2,1899-12-30,6', 'c3,1995-05-05,7'),
		expect: { loaded: 1, reasons: { 'date before 1990-01-01': 2 }, check: [days, '1995-05-05'] }
	},
	{
		group: 'dates',
		name: 'day-month-ambiguous.csv',
		content: csv('c1,01/02/2024,5', 'c2,03/04/2024,6'),
		expect: { loaded: 0, reasons: { 'ambiguous date': 2 } }
	},
	{
		group: 'dates',
		name: 'day-first-by-a-13.csv',
		content: csv('c1,13/02/2024,5', 'c2,01/02/2024,6'),
		expect: { loaded: 2, check: [days, '2024-02-13 2024-02-01'] }
	},
	{
		group: 'dates',
		name: 'impossible-dates.csv',
		content: csv('c1,2024-02-30,5', 'c2,2023-02-29,6', 'c3,2024-02-29,7'),
		expect: { loaded: 1, reasons: { 'unparseable date': 2 }, check: [days, '2024-02-29'] }
	},
	{
		group: 'dates',
		name: 'future.csv',
		content: csv('c1,2031-01-01,5', 'c2,2025-05-01,6'),
		expect: { loaded: 1, reasons: { 'date in the future': 1 } }
	},
	{
		group: 'dates',
		name: 'utc-instants.csv',
		content: csv('c1,2024-01-01T10:00:00Z,5'),
		expect: {
			loaded: 1,
			check: ["SELECT strftime(occurred_at, '%Y-%m-%d %H:%M') AS v FROM interactions", '2024-01-01 17:00']
		}
	},
	// amounts (group 4)
	{
		group: 'amounts',
		name: 'vnd-signs.csv',
		content: csv('c1,2024-01-01,"150.000 ₫"', 'c2,2024-01-02,25.000đ', 'c3,2024-01-03,1.500 VND'),
		expect: { loaded: 3, check: [amounts, '150000.00 25000.00 1500.00'] }
	},
	{
		group: 'amounts',
		name: 'decimal-comma.csv',
		content: csv('c1,2024-01-01,"1.234.567,89"', 'c2,2024-01-02,"12,5"'),
		expect: { loaded: 2, check: [amounts, '1234567.89 12.50'] }
	},
	{
		group: 'amounts',
		name: 'dot-ambiguous.csv',
		content: csv('c1,2024-01-01,1.500', 'c2,2024-01-02,2.250'),
		expect: { loaded: 0, reasons: { 'ambiguous amount': 2 } }
	},
	{
		group: 'amounts',
		name: 'dot-thousands-by-option.csv',
		content: csv('c1,2024-01-01,1.500', 'c2,2024-01-02,2.250'),
		options: { thousands: '.' },
		expect: { loaded: 2, check: [amounts, '1500.00 2250.00'] }
	},
	{
		group: 'amounts',
		name: 'out-of-range.csv',
		content: csv('c1,2024-01-01,1e18', 'c2,2024-01-02,9999999999999999.99', 'c3,2024-01-03,12.5'),
		expect: { loaded: 1, reasons: { 'amount out of range': 2 }, check: [amounts, '12.50'] }
	},
	{
		group: 'amounts',
		name: 'pound-signs.csv',
		content: csv('c1,2024-01-01,£12.50', 'c2,2024-01-02,£3'),
		expect: { loaded: 2, check: [amounts, '12.50 3.00'] }
	},
	{
		group: 'amounts',
		name: 'text-amounts.csv',
		content: csv('c1,2024-01-01,abc', 'c2,2024-01-02,1O', 'c3,2024-01-03,4'),
		expect: { loaded: 1, reasons: { 'non-numeric amount': 2 }, check: [amounts, '4.00'] }
	},
	// cell sizes (group 5)
	{
		group: 'cells',
		name: 'huge-channel.csv',
		content: `${H},channel\nc1,2024-01-01,5,${'z'.repeat(40_000)}\nc2,2024-01-02,6,web\n`,
		expect: {
			loaded: 1,
			reasons: { 'cell too large': 1 },
			check: ["SELECT string_agg(channel, ',') AS v FROM interactions", 'web']
		}
	},
	{
		group: 'cells',
		name: 'cell-at-limit.csv',
		content: `${H},channel\nc1,2024-01-01,5,${'z'.repeat(CELL_LIMIT_BYTES)}\n`,
		expect: { loaded: 1, check: ['SELECT strlen(channel) AS v FROM interactions', CELL_LIMIT_BYTES] }
	},
	{
		group: 'cells',
		name: 'huge-unused-column.csv',
		content: `${H},notes\nc1,2024-01-01,5,${'n'.repeat(100_000)}\nc2,2024-01-02,6,ok\n`,
		expect: { loaded: 1, reasons: { 'cell too large': 1 } }
	},
	{
		group: 'cells',
		name: 'huge-customer-name.csv',
		content: `customer_id,name\nc1,${'N'.repeat(50_000)}\nc2,An\n`,
		options: { kind: 'customers' },
		expect: { loaded: 1, reasons: { 'cell too large': 1 } }
	},
	// encodings (group 8)
	{
		group: 'encodings',
		name: 'utf16le-bom.csv',
		content: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vi, 'utf16le')]),
		expect: { loaded: 2, check: viCheck }
	},
	{
		group: 'encodings',
		name: 'utf16be-bom.csv',
		content: Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(vi)]),
		expect: { loaded: 2, check: viCheck }
	},
	{
		group: 'encodings',
		name: 'utf16le-no-bom.csv',
		content: Buffer.from(vi, 'utf16le'),
		expect: { loaded: 2, check: viCheck }
	},
	{
		group: 'encodings',
		name: 'utf16be-no-bom.csv',
		content: utf16be(vi),
		expect: { loaded: 2, check: viCheck }
	},
	{
		group: 'encodings',
		name: 'latin1.csv',
		content: Buffer.from('customer_id,occurred_at,amount,category\nc1,2024-01-05,10,Café crème\n', 'latin1'),
		expect: { loaded: 1, check: ['SELECT category AS v FROM interactions', 'Café crème'] }
	},
	{ group: 'encodings', name: 'utf8-bom.csv', content: `\ufeff${vi}`, expect: { loaded: 2, check: viCheck } },
	{
		group: 'encodings',
		name: 'utf8-with-a-latin1-line.csv',
		content: Buffer.concat([Buffer.from(vi), Buffer.from('c3,2024-01-07,30,Café\n', 'latin1')]),
		expect: { loaded: 2, reasons: { 'malformed row: invalid encoding': 1 }, check: viCheck }
	},
	// quoting (group 8: the stray quote)
	{
		group: 'quoting',
		name: 'stray-quote.csv',
		content:
			`${H},category\n` +
			Array.from(
				{ length: 12 },
				(_, i) => `c${i},2024-01-0${(i % 9) + 1},${i},${i === 6 ? '"Tea' : `"Tea, green ${i}"`}`
			).join('\n') +
			'\n',
		expect: {
			error:
				/an unpaired quote at line 8 \("c6,2024-01-07,6,\\"Tea"\) changed how the whole file is read: without quoting, 11 other lines/
		}
	},
	{
		group: 'quoting',
		name: 'quoted-commas.csv',
		content: `${H},category\nc1,2024-01-01,5,"Tea, green"\nc2,2024-01-02,"1,250.50","a ""b"" c"\n`,
		expect: {
			loaded: 2,
			check: [
				"SELECT string_agg(category || '=' || amount, '|' ORDER BY source_line) AS v FROM interactions",
				'Tea, green=5.00|a "b" c=1250.50'
			]
		}
	},
	{
		group: 'quoting',
		name: 'quoted-newline.csv',
		content: `${H},category\nc1,2024-01-01,5,"two\nlines"\nc2,2024-01-02,6,one\n`,
		expect: {
			loaded: 2,
			check: [
				"SELECT string_agg(category, '|' ORDER BY source_line) AS v FROM interactions",
				'two\nlines|one'
			]
		}
	},
	{
		group: 'quoting',
		name: 'lone-quote-inside.csv',
		content: `${H},category\nc1,2024-01-01,5,O"Brien\nc2,2024-01-02,6,x\n`,
		expect: {
			loaded: 2,
			check: ["SELECT string_agg(category, '|' ORDER BY source_line) AS v FROM interactions", 'O"Brien|x']
		}
	},
	// headers
	{
		group: 'headers',
		name: 'repeated-header.csv',
		content: 'customer_id,occurred_at,amount,Amount\nc1,2024-01-01,5,6\n',
		expect: { error: /repeated column names: 'amount' at columns 3, 4/ }
	},
	{
		group: 'headers',
		name: 'missing-column.csv',
		content: 'client,when,total\nc1,2024-01-01,5\n',
		expect: { error: /no column for 'customer_id', 'occurred_at'; found: 'client', 'when', 'total'/ }
	},
	{ group: 'headers', name: 'header-only.csv', content: `${H}\n`, expect: { loaded: 0 } },
	{
		group: 'headers',
		name: 'semicolons.csv',
		content: 'customer_id;occurred_at;amount\nc1;2024-01-01;5\nc2;2024-01-02;6\n',
		expect: { loaded: 2, check: [amounts, '5.00 6.00'] }
	},
	{
		group: 'headers',
		name: 'tabs.tsv',
		content: 'customer_id\toccurred_at\tamount\nc1\t2024-01-01\t5\n',
		expect: { loaded: 1 }
	},
	// JSON (group 8: NDJSON bad lines quarantined like CSV)
	{
		group: 'json',
		name: 'bad-line.ndjson',
		content:
			'{"customer_id":"c1","occurred_at":"2024-01-01","amount":5}\n{"customer_id":\n{"customer_id":"c2","occurred_at":"2024-01-02","amount":6}\n',
		expect: { loaded: 2, reasons: { 'malformed row: invalid json': 1 }, check: [amounts, '5.00 6.00'] }
	},
	{
		group: 'json',
		name: 'not-an-object.ndjson',
		content: '{"customer_id":"c1","occurred_at":"2024-01-01","amount":5}\n[1,2]\n',
		expect: { loaded: 1, reasons: { 'malformed row: not an object': 1 } }
	},
	{
		group: 'json',
		name: 'array.json',
		content: '[{"customer_id":"c1","occurred_at":"2024-01-01","amount":5.5}]',
		expect: { loaded: 1, check: [amounts, '5.50'] }
	},
	{
		group: 'json',
		name: 'broken-array.json',
		content: '[{"customer_id":"c1","occurred_at":"2024-01-01"',
		expect: { error: /cannot read .* as JSON or NDJSON/ }
	},
	// compression
	{
		group: 'compression',
		name: 'orders.csv.gz',
		content: gzipSync(csv('c1,2024-01-01,5', 'c2,2024-01-02,6')),
		expect: { loaded: 2, check: [amounts, '5.00 6.00'] }
	},
	{
		group: 'compression',
		name: 'truncated.csv.gz',
		content: gzipSync(csv(...Array.from({ length: 2000 }, (_, i) => `c${i},2024-01-01,${i}`))).subarray(
			0,
			3000
		),
		expect: { error: /damaged gzip file/ }
	},
	// structure
	{
		group: 'structure',
		name: 'ragged.csv',
		content: csv('c1,2024-01-01,5', 'c2,2024-01-02', 'c3,2024-01-03,7,extra', 'c4,2024-01-04,8'),
		expect: {
			loaded: 2,
			reasons: { 'malformed row: missing columns': 1, 'malformed row: too many columns': 1 }
		}
	},
	{ group: 'structure', name: 'empty.csv', content: '', expect: { error: /is empty \(0 bytes\)/ } },
	{
		group: 'structure',
		name: 'binary.csv',
		content: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
		expect: { error: /cannot read|no column for/ }
	},
	{
		group: 'structure',
		name: 'crlf.csv',
		content: csv('c1,2024-01-01,5', 'c2,2024-01-02,6').replace(/\n/g, '\r\n'),
		expect: { loaded: 2, check: [amounts, '5.00 6.00'] }
	},
	{
		group: 'structure',
		name: 'missing-ids.csv',
		content: csv('c1,2024-01-01,5', ',2024-01-02,6', '  ,2024-01-03,7'),
		expect: { loaded: 1, reasons: { 'missing customer id': 2 } }
	},
	{
		group: 'structure',
		name: 'unknown-types.csv',
		content: `${H},type\nc1,2024-01-01,5,purchase\nc2,2024-01-02,6,teleport\n`,
		expect: { loaded: 1, reasons: { 'unknown type': 1 } }
	},
	{
		group: 'structure',
		name: 'duplicate-ids.csv',
		content: `interaction_id,${H}\ni1,c1,2024-01-01,5\ni1,c2,2024-01-02,6\ni2,c3,2024-01-03,7\n`,
		expect: { loaded: 2, reasons: { 'duplicate id': 1 } }
	}
];

describe('the malformed-file suite (#20): each file loads right, is quarantined with a reason, or is refused', () => {
	let db: Database;
	let cleanup: () => void;
	beforeEach(async () => {
		({ db, cleanup } = await tempDb());
	});
	afterEach(() => cleanup());
	afterAll(() => removeTempFiles());

	it('has at least 40 files over the nine groups', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(40);
		expect(new Set(CASES.map((c) => c.group)).size).toBe(9);
		expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
	});

	for (const c of CASES) {
		it(`${c.group}: ${c.name}`, async () => {
			const file = tempFile(c.name, c.content);
			const before = await tableCounts(db);
			const run = ingestFile(db, file, { now: NOW, noRefresh: true, ...c.options });
			if ('error' in c.expect) {
				const e = await run.then(
					() => undefined,
					(err: unknown) => err
				);
				expect(e).toBeInstanceOf(IngestError);
				expect((e as Error).message).toMatch(c.expect.error);
				expect(await tableCounts(db)).toEqual(before);
				return;
			}
			const report = await run;
			const reasons = c.expect.reasons ?? {};
			const quarantined = Object.values(reasons).reduce((a, b) => a + b, 0);
			expect(report.reasons).toEqual(reasons);
			expect(report.rows_loaded).toBe(c.expect.loaded);
			expect(report.rows_quarantined).toBe(quarantined);
			expect(report.rows_read).toBe(report.rows_loaded + report.rows_quarantined);
			const after = await tableCounts(db);
			const table = c.options?.kind === 'customers' ? 'customers' : 'interactions';
			expect(after[table] - before[table]).toBe(c.expect.loaded);
			expect(after.quarantine - before.quarantine).toBe(quarantined);
			if (c.expect.check) {
				const [row] = await db.sql<{ v: unknown }>(c.expect.check[0]);
				expect(row?.v).toEqual(c.expect.check[1]);
			}
		});
	}

	it('the same content gzipped and plain is one ingest', async () => {
		const content = csv('c1,2024-01-01,5', 'c2,2024-01-02,6');
		await ingestFile(db, tempFile('a.csv.gz', gzipSync(content)), { now: NOW, noRefresh: true });
		const again = await ingestFile(db, tempFile('a.csv', content), { now: NOW, noRefresh: true });
		expect(again.skipped).toMatch(/already ingested/);
		expect((await tableCounts(db)).interactions).toBe(2);
	});

	it('a corrupted database file is called corrupted, not in use', async () => {
		const copy = `${db.path}.copy.duckdb`;
		await db.exec('CHECKPOINT');
		copyFileSync(db.path, copy);
		const fd = openSync(copy, 'r+');
		writeSync(fd, Buffer.alloc(4096, 0x7f), 0, 4096, 4096);
		closeSync(fd);
		const e = await Database.open({ path: copy }).then(
			(d) => (d.close(), undefined),
			(err: unknown) => err
		);
		expect(e).toBeInstanceOf(DatabaseCorruptedError);
		expect((e as Error).message).toMatch(/is corrupted \(.*checksum.*\)\. Restore it from a backup/);
		expect((e as Error).message).not.toMatch(/in use/);
		const garbage = tempFile('garbage.duckdb', Buffer.alloc(50_000, 0x41));
		const g = await Database.open({ path: garbage }).then(
			(d) => (d.close(), undefined),
			(err: unknown) => err
		);
		expect(g).toBeInstanceOf(DatabaseCorruptedError);
	});
});
