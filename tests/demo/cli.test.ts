import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { tmpRoot } from '../helpers/db';

const dir = join(tmpRoot, `demo-cli-${randomUUID()}`);
const dbPath = join(dir, 'crm.duckdb');

function crm(...args: string[]) {
	const r = spawnSync(process.execPath, ['bin/crm.js', '--db', dbPath, ...args], {
		encoding: 'utf8',
		env: { ...process.env, CRM_DB: '' }
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('crm demo', () => {
	mkdirSync(dir, { recursive: true });
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('writes the database, refuses to overwrite it, and replaces it with --force', () => {
		const first = crm('demo', '--customers', '150', '--seed', '3', '--json');
		expect(first.stderr).toBe('');
		expect(first.code).toBe(0);
		const summary = JSON.parse(first.stdout) as { customers: number; interactions: number; db: string };
		expect(summary.customers).toBe(150);
		expect(summary.interactions).toBeGreaterThan(150);
		expect(summary.db).toBe(dbPath);

		const again = crm('demo', '--customers', '150');
		expect(again.code).toBe(2);
		expect(again.stderr).toMatch(/already holds 150 customers.*--force/s);

		const forced = crm('demo', '--customers', '120', '--force', '--json');
		expect(forced.code).toBe(0);
		expect((JSON.parse(forced.stdout) as { customers: number }).customers).toBe(120);
	}, 300_000);

	it('writes CSV files only with --files-only, one line per row plus a header', () => {
		const out = join(dir, 'files');
		const r = crm('demo', '--customers', '100', '--out-dir', out, '--files-only', '--json');
		expect(r.code).toBe(0);
		const s = JSON.parse(r.stdout) as { interactions: number; customers: number; db: null; files: string[] };
		expect(s.db).toBeNull();
		const interactions = readFileSync(join(out, 'interactions.csv'), 'utf8').trimEnd().split('\n');
		expect(interactions[0]).toBe(
			'interaction_id,customer_id,occurred_at,type,channel,order_id,amount,quantity,product_id,category,csat,resolved_at'
		);
		expect(interactions.length).toBe(s.interactions + 1);
		const customers = readFileSync(join(out, 'customers.csv'), 'utf8').trimEnd().split('\n');
		expect(customers.length).toBe(101);
	}, 120_000);

	it('says what was wrong with a bad option and exits 2', () => {
		const r = crm('demo', '--customers', 'many');
		expect(r.code).toBe(2);
		expect(r.stderr).toContain("--customers must be a whole number, got 'many'");
		const f = crm('demo', '--files-only');
		expect(f.code).toBe(2);
		expect(f.stderr).toContain('--out-dir');
	}, 120_000);
});
