import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { tmpRoot } from '../helpers/db';
import { malformedDir, removeTempFiles, tempFile } from './helpers';

const dbPath = join(tmpRoot, `cli-${randomUUID()}.duckdb`);
const crm = (...args: string[]) =>
	spawnSync(process.execPath, ['bin/crm.js', '--db', dbPath, ...args], {
		cwd: process.cwd(),
		encoding: 'utf8'
	});

describe('crm ingest (CLI)', () => {
	afterAll(() => {
		rmSync(dbPath, { force: true });
		rmSync(`${dbPath}.wal`, { force: true });
		removeTempFiles();
	});

	it(
		'prints a JSON report, loads good files and reports bad ones with exit code 1',
		{ timeout: 180_000 },
		() => {
			const good = tempFile('good.csv', 'customer_id,occurred_at,amount\nc1,2024-01-01,5\nc2,2024-01-02,x\n');
			const r = crm('ingest', good, join(malformedDir, 'truncated.parquet'), '--json', '--no-refresh');
			expect(r.status).toBe(1);
			const reports = JSON.parse(r.stdout) as { file: string; rows_loaded?: number; error?: string }[];
			expect(reports).toHaveLength(2);
			expect(reports[0]).toMatchObject({
				file: good,
				rows_read: 2,
				rows_loaded: 1,
				reasons: { 'non-numeric amount': 1 }
			});
			expect(reports[1]?.error).toMatch(/cannot read .*truncated\.parquet as a Parquet file/);
			expect(r.stderr).toMatch(/crm ingest: cannot read/);
		}
	);

	it(
		'--decimal , and --date-format read a Vietnamese file; the summary says how it was read',
		{ timeout: 180_000 },
		() => {
			const file = tempFile(
				'vn.csv',
				'customer_id,date,amount\nv1,02/01/24,"1.234.567,89"\nv2,0001-01-01,5\nv3,15/01/24 10:30,150.000\n'
			);
			const r = crm('ingest', file, '--decimal', ',', '--date-format', 'dd/mm/yy', '--no-refresh');
			expect(r.status).toBe(0);
			expect(r.stdout).toContain("numbers      decimal ',', thousands '.' (option); dates dd/mm/yy (option)");
			// 0001-01-01 is not dd/mm/yy: with a --date-format the dates are read that way only
			expect(r.stdout).toMatch(/1 {2}unparseable date/);
			expect(r.stdout).toMatch(/loaded {7}2\n/);
		}
	);

	it('says what is wrong with the options and exits with 2', { timeout: 180_000 }, () => {
		const d = crm('ingest', 'x.csv', '--decimal', ';');
		expect(d.status).toBe(2);
		expect(d.stderr).toContain("--decimal must be . or , (the mark before the decimals), got ';'");
		const f = crm('ingest', 'x.csv', '--date-format', 'yyyy/dd/mm');
		expect(f.status).toBe(2);
		expect(f.stderr).toContain("--date-format 'yyyy/dd/mm' is not a date format I can read");
		const m0 = crm('ingest', 'x.csv', '--min-date', '1990-02-30');
		expect(m0.status).toBe(2);
		expect(m0.stderr).toContain("--min-date '1990-02-30' is not a date: write it as YYYY-MM-DD");
		const r = crm('ingest', 'x.csv', '--preset', 'nope');
		expect(r.status).toBe(2);
		expect(r.stderr).toContain("--preset must be generic, online-retail or cdnow, got 'nope'");
		const m = crm('ingest', 'x.csv', '--map', 'customer_id');
		expect(m.status).toBe(2);
		expect(m.stderr).toContain(
			"--map expects field=column (e.g. --map occurred_at=InvoiceDate), got 'customer_id'"
		);
	});
});
