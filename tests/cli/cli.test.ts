import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crm } from '../helpers/cli';
import { tmpRoot } from '../helpers/db';

describe('crm command', () => {
	mkdirSync(tmpRoot, { recursive: true });
	const dbPath = join(tmpRoot, `cli-${process.pid}.duckdb`);
	afterAll(() => rmSync(dbPath, { force: true }));

	it('prints help with exit code 0', () => {
		const r = crm(['--help']);
		expect(r.status).toBe(0);
		expect(r.stdout).toContain('Usage: crm');
		expect(r.stdout).toContain('status');
	});

	it('exits 2 with a message on an unknown command', () => {
		const r = crm(['no-such-command']);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/unknown command/);
	});

	it('reports an empty database as JSON', () => {
		const r = crm(['--db', dbPath, 'status', '--json']);
		expect(r.status).toBe(0);
		const out = JSON.parse(r.stdout) as { customers: number; interactions: number; schema_version: number };
		expect(out.customers).toBe(0);
		expect(out.interactions).toBe(0);
		expect(out.schema_version).toBeGreaterThanOrEqual(1);
	});

	it('exits 1 with a readable message when the database cannot be opened', () => {
		const notAFolder = join(tmpRoot, `not-a-folder-${process.pid}`);
		writeFileSync(notAFolder, 'x');
		const r = crm(['--db', join(notAFolder, 'x.duckdb'), 'status']);
		rmSync(notAFolder, { force: true });
		expect(r.status).toBe(1);
		expect(r.stderr).toMatch(/^crm: cannot create the folder for the database/);
		expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
	});
});
