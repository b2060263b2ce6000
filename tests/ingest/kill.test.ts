import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Database } from '../../src/lib/server/db';
import { ingestFile } from '../../src/lib/server/ingest';
import { tmpRoot } from '../helpers/db';
import { NOW, tableCounts, tempFile, removeTempFiles } from './helpers';

const ROWS = 600_000;

/** Runs `node bin/crm.js ingest` and resolves with its exit code and output; kill() SIGKILLs it at a stderr line. */
function runIngest(
	dbPath: string,
	file: string,
	killAt?: RegExp
): Promise<{ code: number | null; signal: string | null; out: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['bin/crm.js', '--db', dbPath, 'ingest', file, '--no-refresh', '--verbose', '--json'],
			{ cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] }
		);
		let out = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => {
			err += d.toString();
			if (killAt && killAt.test(err)) child.kill('SIGKILL');
		});
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, out: out || err }));
	});
}

describe('a killed ingest leaves the database as it was', () => {
	const dir = join(tmpRoot, `kill-${randomUUID()}`);
	afterAll(() => {
		rmSync(dir, { recursive: true, force: true });
		removeTempFiles();
	});

	it('SIGKILL while writing, then a re-run completes the file', { timeout: 300_000 }, async () => {
		mkdirSync(dir, { recursive: true });
		const dbPath = join(dir, 'crm.duckdb');
		const big = join(dir, 'big.csv');
		let db = await Database.open({ path: dbPath });
		await ingestFile(
			db,
			tempFile('small.csv', 'customer_id,occurred_at,amount\nc1,2024-01-01,5\nc2,2024-01-02,x\n'),
			{
				now: NOW,
				noRefresh: true
			}
		);
		await db.exec(
			`COPY (SELECT 'c' || (i % 50000) AS customer_id, TIMESTAMP '2023-01-01' + to_seconds(i * 37 % 31536000) AS occurred_at,
				CASE WHEN i % 97 = 0 THEN 'teleport' ELSE 'purchase' END AS type, (i % 1000) / 4 AS amount
			 FROM range(${ROWS}) t(i)) TO '${big}' (HEADER)`
		);
		const before = await tableCounts(db);
		db.close();

		const killed = await runIngest(dbPath, big, /: writing/);
		expect(killed.signal).toBe('SIGKILL');

		db = await Database.open({ path: dbPath });
		expect(await tableCounts(db)).toEqual(before);
		db.close();

		const rerun = await runIngest(dbPath, big);
		expect(rerun.code).toBe(0);
		const report = JSON.parse(rerun.out) as { rows_read: number; rows_quarantined: number; skipped?: string };
		expect(report.skipped).toBeUndefined();
		expect(report.rows_read).toBe(ROWS);
		expect(report.rows_quarantined).toBe(Math.ceil(ROWS / 97));

		db = await Database.open({ path: dbPath });
		const after = await tableCounts(db);
		db.close();
		expect(after.interactions).toBe(before.interactions + ROWS - Math.ceil(ROWS / 97));
		expect(after.quarantine).toBe(before.quarantine + Math.ceil(ROWS / 97));
		expect(after.ingests).toBe(before.ingests + 1);
	});
});
