/**
 * The server's ingest job runner against a real DuckDB file: jobs run one at a time in order, record their phases,
 * rows and report; a file that cannot be read fails with a clear error and writes nothing. Also the column preview
 * (the same detection as ingest), the rejected-rows CSV and the upload pieces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/lib/server/db';
import { IngestJobs, type JobPhase } from '../../src/lib/server/ingest/jobs';
import { ingestOptions, jobOptionsSchema } from '../../src/lib/server/ingest/http';
import { previewColumns } from '../../src/lib/server/ingest/preview';
import { writeRejectedCsv } from '../../src/lib/server/ingest/rejected';
import { UploadOffsetError, appendPiece, safeFileName } from '../../src/lib/server/ingest/uploads';
import { tempDb } from '../helpers/db';
import { NOW, removeTempFiles, tableCounts, tempFile } from './helpers';

let db: Database;
let cleanup: () => void;

beforeAll(async () => {
	({ db, cleanup } = await tempDb());
});
afterAll(() => {
	cleanup?.();
	removeTempFiles();
});

/** n purchases of customers c0..c(n/2), with one row whose amount is not a number. */
function purchases(n: number, prefix: string): string {
	const lines = ['customer_id,occurred_at,amount'];
	for (let i = 0; i < n; i++)
		lines.push(`${prefix}${i % Math.ceil(n / 2)},2024-0${1 + (i % 9)}-1${i % 10},${i + 1}`);
	lines.push(`${prefix}x,2024-03-03,twelve`);
	return `${lines.join('\n')}\n`;
}

describe('ingest job runner', () => {
	it('runs jobs one at a time in order, with phases, rows and the report', async () => {
		const jobs = new IngestJobs(db);
		const first = tempFile('first.csv', purchases(2000, 'a'));
		const second = tempFile('second.csv', purchases(10, 'b'));
		const phases: Record<string, JobPhase[]> = {};
		const a = jobs.submit(first, { now: NOW, noRefresh: true });
		const b = jobs.submit(second, { now: NOW, noRefresh: true });
		expect(jobs.get(b.id)?.phase).toBe('queued');
		expect(jobs.get(b.id)?.ahead).toBe(1); // the first one is running
		// follow both while they run: the second never starts before the first ends
		let overlap = false;
		const watch = setInterval(() => {
			for (const j of jobs.list()) (phases[j.name] ??= []).push(j.phase);
			const running = jobs.list().filter((j) => ['reading', 'writing', 'refreshing'].includes(j.phase));
			if (running.length > 1) overlap = true;
		}, 2);
		const [doneA, doneB] = await Promise.all([jobs.wait(a.id), jobs.wait(b.id)]);
		clearInterval(watch);
		expect(overlap).toBe(false);
		expect(doneA.phase).toBe('done');
		expect(doneA.report).toMatchObject({
			rows_read: 2001,
			rows_loaded: 2000,
			rows_quarantined: 1,
			reasons: { 'non-numeric amount': 1 }
		});
		expect(doneA.rows).toBe(2000);
		expect(doneA.elapsed_ms).toBeGreaterThan(0);
		expect(doneB.report?.rows_loaded).toBe(10);
		// the second job was still queued while the first was reading or writing
		expect(phases['second.csv']?.[0]).toBe('queued');
		expect(phases['first.csv']).toContain('reading');
		expect(jobs.list().map((j) => j.name)).toEqual(['second.csv', 'first.csv']);
	});

	it('a file that cannot be read fails with a clear error and writes nothing', async () => {
		const jobs = new IngestJobs(db);
		const before = await tableCounts(db);
		const missing = tempFile('nocustomer.csv', 'when,total\n2024-01-01,5\n');
		const failed = await jobs.wait(jobs.submit(missing, { now: NOW }).id);
		expect(failed.phase).toBe('failed');
		expect(failed.report).toBeNull();
		expect(failed.error).toMatch(/no column for 'customer_id', 'occurred_at'; found: 'when', 'total'/);
		expect(failed.error).toMatch(/--map customer_id=<column>/);
		const broken = tempFile('broken.parquet', 'PAR1 not really parquet');
		const unreadable = await jobs.wait(jobs.submit(broken, { now: NOW }).id);
		expect(unreadable.phase).toBe('failed');
		expect(unreadable.error).toMatch(/cannot read .*broken\.parquet as a Parquet file/);
		expect(await tableCounts(db)).toEqual(before);
	});

	it('an upload waits for its last piece and for the person to start it; the file is removed at the end', async () => {
		const jobs = new IngestJobs(db);
		const content = purchases(6, 'u');
		const path = tempFile('upload.csv', '');
		let removed = false;
		const job = jobs.createUpload('My file.csv', Buffer.byteLength(content), () => ({
			file: path,
			cleanup: () => (removed = true)
		}));
		expect(job.phase).toBe('uploading');
		expect(() => jobs.start(job.id, {})).toThrow(/not completely uploaded yet \(0 of \d+ bytes\)/);
		const half = Math.floor(content.length / 2);
		const body = (s: string) => new Blob([s]).stream();
		let received = await appendPiece(path, 0, content.length, body(content.slice(0, half)));
		expect(jobs.received(job.id, received).phase).toBe('uploading');
		await expect(appendPiece(path, 3, content.length, body('x'))).rejects.toBeInstanceOf(UploadOffsetError);
		// more than announced: refused, and the file keeps only the pieces before
		await expect(
			appendPiece(path, half, content.length, body(`${content.slice(half)}extra`))
		).rejects.toThrow(/larger than the \d+ bytes announced/);
		expect(statSync(path).size).toBe(half);
		received = await appendPiece(path, half, content.length, body(content.slice(half)));
		expect(jobs.received(job.id, received).phase).toBe('uploaded');
		expect(jobs.uploadedFile(job.id)).toBe(path);
		const done = await jobs.wait(jobs.start(job.id, { now: NOW, noRefresh: true }).id);
		expect(done.report).toMatchObject({ file: 'My file.csv', rows_loaded: 6, rows_quarantined: 1 });
		expect(removed).toBe(true);
		expect(safeFileName('../../etc/Đơn hàng (1).csv.gz')).toBe('Đơn hàng (1).csv.gz');
		expect(safeFileName('..\\x/.hidden*?.csv')).toBe('hidden_.csv');
	});

	it('an upload nobody starts is dropped with its file after a while', async () => {
		const jobs = new IngestJobs(db, { abandonedAfterMs: -1 });
		const removed: string[] = [];
		const place = (id: string) => ({ file: tempFile(`${id}.csv`, ''), cleanup: () => removed.push(id) });
		const first = jobs.createUpload('first.csv', 10, place);
		const second = jobs.createUpload('second.csv', 10, place);
		expect(jobs.get(first.id)).toBeNull();
		expect(removed).toEqual([first.id]);
		expect(jobs.get(second.id)?.phase).toBe('uploading');
	});
});

describe('column preview', () => {
	it('shows the columns and the field each feeds, as ingest would map them', async () => {
		const file = tempFile(
			'retail.csv',
			'Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID,Country,Note\n'
		);
		writeFileSync(
			file,
			'Invoice,StockCode,Quantity,InvoiceDate,Price,Customer ID,Country,Note\n1,A,2,2024-01-01,3,c1,VN,x\n'
		);
		const generic = await previewColumns(db, file, { kind: 'interactions', preset: 'generic' });
		expect(generic.columns).toEqual([
			'Invoice',
			'StockCode',
			'Quantity',
			'InvoiceDate',
			'Price',
			'Customer ID',
			'Country',
			'Note'
		]);
		const col = (p: typeof generic, f: string) => p.fields.find((x) => x.field === f)?.column;
		expect(col(generic, 'customer_id')).toBe('Customer ID');
		expect(col(generic, 'occurred_at')).toBe('InvoiceDate');
		expect(col(generic, 'order_id')).toBe('Invoice');
		expect(generic.missing).toEqual([]);
		expect(generic.unused).toEqual(['Note']);
		// a choice wins over detection; a choice of a column the file lacks is reported
		const chosen = await previewColumns(db, file, { map: { occurred_at: 'Note' } });
		expect(col(chosen, 'occurred_at')).toBe('Note');
		const wrong = await previewColumns(db, file, { map: { amount: 'Total' } });
		expect(wrong.error).toMatch(/the file has no column 'Total'/);
		const customers = await previewColumns(db, file, { kind: 'customers' });
		expect(customers.fields.find((f) => f.field === 'customer_id')).toMatchObject({
			required: true,
			column: 'Customer ID'
		});
		const cdnow = await previewColumns(db, file, { preset: 'cdnow' });
		expect(cdnow.missing).toEqual(['amount']);
	});

	it('a job takes the number and date formats the Data page or crm ingest sends', async () => {
		const jobs = new IngestJobs(db);
		const file = tempFile('vn-job.csv', 'customer_id,date,amount\nj1,05/03/24,1.500\n');
		const options = ingestOptions(jobOptionsSchema.parse({ decimal: ',', date_format: 'dd/mm/yy' }));
		const done = await jobs.wait(jobs.submit(file, { ...options, now: NOW, noRefresh: true }).id);
		expect(done.report).toMatchObject({
			rows_loaded: 1,
			formats: { decimal: ',', number_by: 'option', dates: 'dd/mm/yy', dates_by: 'option' }
		});
		const [row] = await db.sql<{ d: string; amount: string }>(
			"SELECT strftime(occurred_at, '%Y-%m-%d') AS d, amount::VARCHAR AS amount FROM interactions WHERE customer_id = 'j1'"
		);
		expect(row).toEqual({ d: '2024-03-05', amount: '1500.00' });
		expect(() => jobOptionsSchema.parse({ date_format: 'yyyy/dd/mm' })).toThrow(
			"--date-format 'yyyy/dd/mm' is not a date format I can read"
		);
		expect(() => jobOptionsSchema.parse({ decimal: ',', thousands: ',' })).toThrow('must differ');
	});
});

describe('rejected rows as CSV', () => {
	it('line, reason and the file’s own cells of one ingest', async () => {
		const jobs = new IngestJobs(db);
		const file = tempFile(
			'rejects.csv',
			'customer_id,occurred_at,amount,"odd, name"\nr1,2024-02-01,5,a\n,2024-02-02,6,b\nr3,2024-02-03,seven,"c ""q"""\n'
		);
		const done = await jobs.wait(jobs.submit(file, { now: NOW, noRefresh: true }).id);
		const id = done.report!.ingest_id!;
		const out = join(file, '..', 'rejected.csv');
		expect(await writeRejectedCsv(db, id, out)).toBe(2);
		expect(readFileSync(out, 'utf8')).toBe(
			'line,reason,customer_id,occurred_at,amount,"odd, name"\n' +
				'3,missing customer id,,2024-02-02,6,b\n' +
				'4,non-numeric amount,r3,2024-02-03,seven,"c ""q"""\n'
		);
		expect(await writeRejectedCsv(db, 999_999, out)).toBeNull();
	});
});
